#include "common/csv_reader.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

CsvTable MustParse(absl::string_view content) {
  absl::StatusOr<CsvTable> table = ParseCsv(content, "test.csv");
  EXPECT_TRUE(table.ok()) << table.status();
  return table.value_or(CsvTable());
}

TEST(ParseCsvTest, HeaderAndRows) {
  const CsvTable table = MustParse("code,year,target\n00002,2023,> 85%\n");
  EXPECT_EQ(table.name, "test.csv");
  EXPECT_THAT(table.header, ElementsAre("code", "year", "target"));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].number, 1);
  EXPECT_THAT(table.rows[0].fields, ElementsAre("00002", "2023", "> 85%"));
}

TEST(ParseCsvTest, ColumnAndGet) {
  const CsvTable table = MustParse("a,b\n1,2\n3,4");
  EXPECT_EQ(table.Column("a"), 0);
  EXPECT_EQ(table.Column("b"), 1);
  EXPECT_EQ(table.Column("c"), -1);
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.Get(table.rows[1], "b"), "4");
  EXPECT_EQ(table.Get(table.rows[1], "missing"), "");
  EXPECT_EQ(table.rows[1].number, 2);
  CsvRow short_row;
  EXPECT_EQ(table.Get(short_row, "a"), "");
}

TEST(ParseCsvTest, QuotedFieldsWithCommasQuotesAndNewlines) {
  const CsvTable table = MustParse(
      "name,value\n"
      "\"Tasso, anche attraverso forme\",\"80,5%\"\n"
      "\"il \"\"PUG\"\"\",\"riga uno\nriga due\"\n"
      "\"\",plain\n");
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_THAT(table.rows[0].fields,
              ElementsAre("Tasso, anche attraverso forme", "80,5%"));
  EXPECT_THAT(table.rows[1].fields,
              ElementsAre("il \"PUG\"", "riga uno\nriga due"));
  EXPECT_THAT(table.rows[2].fields, ElementsAre("", "plain"));
  EXPECT_EQ(table.rows[2].number, 3);
}

TEST(ParseCsvTest, CrLfAndBom) {
  const CsvTable table = MustParse(
      "\xEF\xBB\xBF"
      "code,text\r\n1,\"a\r\nb\"\r\n2,c\r\n");
  EXPECT_THAT(table.header, ElementsAre("code", "text"));
  EXPECT_EQ(table.Column("code"), 0);
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].fields[1], "a\r\nb");
  EXPECT_THAT(table.rows[1].fields, ElementsAre("2", "c"));
}

TEST(ParseCsvTest, KeepsBlanksAndUtf8) {
  const CsvTable table = MustParse("a,b\n  ≥ 99% , x \n");
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_THAT(table.rows[0].fields, ElementsAre("  ≥ 99% ", " x "));
}

TEST(ParseCsvTest, EmptyFieldsAndHeaderOnly) {
  CsvTable table = MustParse("a,b,c\n,,\n");
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_THAT(table.rows[0].fields, ElementsAre("", "", ""));
  table = MustParse("a,b,c\n");
  EXPECT_TRUE(table.rows.empty());
  EXPECT_EQ(table.header.size(), 3u);
}

TEST(ParseCsvTest, RaggedRowNamesFileAndRow) {
  for (absl::string_view content :
       {"a,b,c\n1,2,3\n4,5\n", "a,b,c\n1,2,3\n4,5,6,7\n"}) {
    absl::StatusOr<CsvTable> table = ParseCsv(content, "targets.csv");
    ASSERT_FALSE(table.ok()) << content;
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(table.status().message(),
                AllOf(HasSubstr("targets.csv"), HasSubstr("row 2")));
  }
}

TEST(ParseCsvTest, MalformedQuotesAreInvalid) {
  for (absl::string_view content :
       {"a,b\n\"open,1\n", "a,b\n\"x\"y,1\n", "a,b\nx\"y\",1\n"}) {
    absl::StatusOr<CsvTable> table = ParseCsv(content, "bad.csv");
    ASSERT_FALSE(table.ok()) << content;
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(table.status().message(),
                AllOf(HasSubstr("bad.csv"), HasSubstr("row 1")));
  }
}

TEST(ParseCsvTest, EmptyInputAndDuplicateColumns) {
  for (absl::string_view content : {"", "\xEF\xBB\xBF", "\n\n"}) {
    absl::StatusOr<CsvTable> table = ParseCsv(content, "empty.csv");
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(table.status().message(), HasSubstr("empty.csv"));
  }
  absl::StatusOr<CsvTable> table = ParseCsv("a,b,a\n", "dup.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("\"a\""));
}

TEST(ParseCsvTest, TooManyColumnsIsRefused) {
  const std::string header(2 * kMaxCsvColumns + 1, ',');
  absl::StatusOr<CsvTable> table = ParseCsv(header, "wide.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ParseCsvTest, BinaryGarbageDoesNotCrash) {
  std::string content = "a,b\n";
  for (int i = 0; i < 4096; ++i) content.push_back(static_cast<char>(i * 31));
  absl::StatusOr<CsvTable> table = ParseCsv(content, "junk.csv");
  if (!table.ok()) {
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(ReadCsvFileTest, MissingFileIsNotFound) {
  absl::StatusOr<CsvTable> table = ReadCsvFile("/nonexistent/dir/x.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(table.status().message(), HasSubstr("/nonexistent/dir/x.csv"));
}

TEST(ReadCsvFileTest, ReadsAFile) {
  const std::string path = ::testing::TempDir() + "/csv_reader_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF"
           "code,value\r\n00002,\"80,5%\"\r\n";
  }
  absl::StatusOr<CsvTable> table = ReadCsvFile(path);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->name, path);
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->Get(table->rows[0], "value"), "80,5%");
  std::remove(path.c_str());
}

TEST(ReadCsvFileTest, DirectoryIsAnError) {
  absl::StatusOr<CsvTable> table = ReadCsvFile(::testing::TempDir());
  EXPECT_FALSE(table.ok());
}

TEST(CsvReaderTest, ReadsSemicolonsAsAnItalianSpreadsheetSavesThem) {
  absl::StatusOr<CsvTable> table =
      ParseCsv("Codice;Valore;Nota\r\n00002;\"80,5%\";ok\r\n00003;12,5;\r\n",
               "griglia.csv", ';');
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->Get(table->rows[0], "Valore"), "80,5%");
  EXPECT_EQ(table->Get(table->rows[1], "Valore"), "12,5");
  EXPECT_EQ(table->Get(table->rows[0], "Nota"), "ok");
}

}  // namespace
}  // namespace valore

// `valore export opendata` over the shipped data: every file the CSVW
// metadata names is there with the columns it declares, in order, and
// values of their datatypes; the keys hold; the DCAT-AP_IT description
// parses and names what the profile requires; the tables add up to the
// report's own figures; a snapshot exports the same bytes every time; bad
// input is refused by name and writes nothing.
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/csv_reader.h"
#include "common/figure_labels.h"
#include "common/italian_date.h"
#include "common/labels.h"
#include "common/scopes.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness.h"
#include "tests/process.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file of a folder by name, with its bytes.
std::map<std::string, std::string> Folder(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    out[e.path().filename().string()] = ReadFile(e.path().string());
  }
  return out;
}

bool HasDatatype(const std::string& cell, const std::string& datatype) {
  static const std::regex kDecimal("-?[0-9]+(\\.[0-9]+)?");
  static const std::regex kInteger("-?[0-9]+");
  if (datatype == "decimal") return std::regex_match(cell, kDecimal);
  if (datatype == "integer") return std::regex_match(cell, kInteger);
  if (datatype == "boolean") return cell == "true" || cell == "false";
  return datatype == "string";
}

class OpenDataExportTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportAll(ReadShippedData(), suite_); }

  // Runs `valore export opendata` with `flags`; its exit code, with its
  // standard output and error in *output.
  int Export(const std::vector<std::string>& flags,
             std::string* output = nullptr) {
    std::vector<std::string> argv = {
        "/bin/sh",
        "-c",
        "exec \"$0\" \"$@\" 2>&1",
        VALORE_CLI_BINARY,
        "export",
        "opendata",
        "--catalog=" + suite_.catalog().address(),
        "--aggregation=" + suite_.aggregation().address(),
        "--capture=" + suite_.capture().address()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    std::string ignored;
    return RunProgram(argv, output != nullptr ? output : &ignored);
  }

  std::string Out(const std::string& name) { return dir_.Sub(name); }

  v1::Report Report() {
    v1::GetReportRequest request;
    request.set_period("2023S2");
    request.set_scope(std::string(kUnionScope));
    v1::Report report;
    grpc::Status status = suite_.aggregation().Stub()->GetReport(
        Deadline().get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }

  v1::Snapshot TakeSnapshot() {
    v1::TakeSnapshotRequest request;
    request.set_period("2023S2");
    v1::Snapshot snapshot;
    grpc::Status status = suite_.aggregation().Stub()->TakeSnapshot(
        Deadline(60).get(), request, &snapshot);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return snapshot;
  }

  Suite suite_;
  TempDir dir_;
};

TEST_F(OpenDataExportTest, EveryDeclaredColumnIsThereWithItsDatatype) {
  const std::string out = Out("opendata");
  std::string output;
  ASSERT_EQ(Export({"--period=2023S2", "--out=" + out}, &output), 0) << output;
  const Json metadata = Json::parse(ReadFile(out + "/csv-metadata.json"));
  ASSERT_EQ(metadata["tables"].size(), 6u);

  // Primary keys seen, to check the foreign keys against.
  std::map<std::string, std::map<std::string, std::set<std::string>>> keys;
  std::vector<std::pair<std::string, Json>> foreign;
  for (const Json& table : metadata["tables"]) {
    const std::string file = table["url"];
    SCOPED_TRACE(file);
    ASSERT_TRUE(std::filesystem::exists(out + "/" + file));
    const std::string bytes = ReadFile(out + "/" + file);
    ASSERT_FALSE(bytes.empty());
    EXPECT_NE(bytes.substr(0, 3), "\xEF\xBB\xBF");  // UTF-8 without a BOM
    absl::StatusOr<CsvTable> csv = ParseCsv(bytes, file);
    ASSERT_TRUE(csv.ok()) << csv.status();
    const Json& columns = table["tableSchema"]["columns"];
    ASSERT_EQ(csv->header.size(), columns.size());
    EXPECT_GT(csv->rows.size(), 0u);
    for (size_t c = 0; c < columns.size(); ++c) {
      const Json& column = columns[c];
      const std::string name = column["name"];
      EXPECT_EQ(csv->header[c], name);
      EXPECT_THAT(name, ::testing::MatchesRegex("[a-z][a-z0-9_]*"));
      EXPECT_FALSE(column["titles"]["it"].get<std::string>().empty()) << name;
      const std::string datatype = column["datatype"];
      const bool required = column["required"];
      const std::string separator = column.value("separator", "");
      for (const CsvRow& row : csv->rows) {
        const std::string& cell = row.fields[c];
        if (cell.empty()) {
          EXPECT_FALSE(required) << name << " row " << row.number;
          continue;
        }
        std::vector<std::string> values = {cell};
        if (!separator.empty()) values = absl::StrSplit(cell, separator);
        for (const std::string& v : values) {
          EXPECT_TRUE(HasDatatype(v, datatype))
              << name << " row " << row.number << ": \"" << v << "\" is not "
              << datatype;
        }
      }
    }
    // The primary key is unique.
    const Json& pk = table["tableSchema"]["primaryKey"];
    std::vector<std::string> pk_columns;
    if (pk.is_string()) {
      pk_columns.push_back(pk);
    } else {
      for (const Json& p : pk) pk_columns.push_back(p);
    }
    std::set<std::string> seen;
    for (const CsvRow& row : csv->rows) {
      std::string key;
      for (const std::string& p : pk_columns) key += csv->Get(row, p) + "\x1f";
      EXPECT_TRUE(seen.insert(key).second) << "duplicate key " << key;
      if (pk_columns.size() == 1) {
        keys[file][pk_columns[0]].insert(csv->Get(row, pk_columns[0]));
      }
    }
    for (const Json& fk : table["tableSchema"].value("foreignKeys", Json())) {
      foreign.push_back({file, fk});
    }
  }
  ASSERT_FALSE(foreign.empty());
  for (const auto& [file, fk] : foreign) {
    absl::StatusOr<CsvTable> csv = ReadCsvFile(out + "/" + file);
    ASSERT_TRUE(csv.ok());
    const std::string column = fk["columnReference"];
    const std::set<std::string>& referenced =
        keys[fk["reference"]["resource"]][fk["reference"]["columnReference"]];
    for (const CsvRow& row : csv->rows) {
      const std::string& value = csv->Get(row, column);
      if (value.empty()) continue;  // outside the DUP tree: no line
      EXPECT_EQ(referenced.count(value), 1u)
          << file << " row " << row.number << ": " << column << " " << value;
    }
  }
}

TEST_F(OpenDataExportTest, TheJsonLdNamesWhatDcatApItRequires) {
  const std::string out = Out("opendata");
  ASSERT_EQ(
      Export({"--period=2023S2", "--out=" + out, "--publisher_id=ipa_test",
              "--contact_email=pc@example.it"}),
      0);
  const Json doc = Json::parse(ReadFile(out + "/dcat.jsonld"));
  ASSERT_TRUE(doc.contains("@context"));
  std::map<std::string, Json> nodes;
  for (const Json& node : doc["@graph"]) nodes[node["@id"]] = node;
  auto has_type = [](const Json& node, const std::string& type) {
    for (const Json& t : node["@type"]) {
      if (t == type) return true;
    }
    return false;
  };

  const Json& dataset = nodes["#dataset"];
  EXPECT_TRUE(has_type(dataset, "dcatapit:Dataset"));
  for (const char* property :
       {"dct:identifier", "dct:title", "dct:description", "dct:modified",
        "dcat:theme", "dct:rightsHolder", "dct:accrualPeriodicity",
        "dcat:distribution", "dct:publisher", "dct:temporal", "dct:issued",
        "dcat:contactPoint", "dct:license", "dct:language"}) {
    EXPECT_TRUE(dataset.contains(property)) << property;
  }
  EXPECT_EQ(dataset["dct:title"]["@language"], "it");
  EXPECT_EQ(dataset["dct:identifier"], "ipa_test:valore-pubblico-2023S2-union");
  EXPECT_EQ(dataset["dcat:theme"]["@id"],
            "http://publications.europa.eu/resource/authority/data-theme/GOVE");
  EXPECT_EQ(dataset["dct:temporal"]["schema:startDate"]["@value"],
            "2023-01-01");
  EXPECT_EQ(dataset["dct:temporal"]["schema:endDate"]["@value"], "2023-12-31");
  EXPECT_EQ(dataset["dct:license"]["@id"],
            "https://creativecommons.org/licenses/by/4.0/");

  const Json& publisher = nodes[dataset["dct:publisher"]["@id"]];
  EXPECT_TRUE(has_type(publisher, "dcatapit:Agent"));
  EXPECT_EQ(publisher["dct:identifier"], "ipa_test");
  EXPECT_EQ(publisher["foaf:name"]["@value"], "Unione delle Terre d'Argine");
  EXPECT_EQ(dataset["dct:rightsHolder"]["@id"],
            dataset["dct:publisher"]["@id"]);
  const Json& contact = nodes[dataset["dcat:contactPoint"]["@id"]];
  EXPECT_TRUE(contact.contains("vcard:fn"));
  EXPECT_EQ(contact["vcard:hasEmail"]["@id"], "mailto:pc@example.it");

  // One distribution per file of the folder, each one there.
  std::set<std::string> described;
  std::set<std::string> media_types;
  for (const Json& ref : dataset["dcat:distribution"]) {
    const Json& d = nodes[ref["@id"]];
    EXPECT_TRUE(has_type(d, "dcatapit:Distribution")) << ref;
    for (const char* property :
         {"dcat:accessURL", "dcat:downloadURL", "dct:format", "dcat:mediaType",
          "dct:license"}) {
      EXPECT_TRUE(d.contains(property)) << ref << " " << property;
    }
    const std::string file = d["dcat:accessURL"]["@id"];
    EXPECT_TRUE(std::filesystem::exists(out + "/" + file)) << file;
    described.insert(file);
    const std::string media = d["dcat:mediaType"]["@id"];
    media_types.insert(media.substr(media.find("media-types/") + 12));
  }
  std::set<std::string> written;
  for (const auto& [name, bytes] : Folder(out)) written.insert(name);
  EXPECT_EQ(described, written);
  EXPECT_EQ(media_types,
            (std::set<std::string>{"text/csv", "application/csvm+json",
                                   "application/ld+json"}));

  // The licence is the caller's to choose.
  const std::string other = Out("cc0");
  ASSERT_EQ(Export({"--period=2023S2", "--out=" + other,
                    "--license=https://creativecommons.org/publicdomain/zero/"
                    "1.0/"}),
            0);
  const Json cc0 = Json::parse(ReadFile(other + "/dcat.jsonld"));
  EXPECT_EQ(cc0["@graph"][0]["dct:license"]["@id"],
            "https://creativecommons.org/publicdomain/zero/1.0/");
}

// Counts of final outcomes, by outcome-table column key, in one table.
std::map<std::string, int> CountByOutcome(const CsvTable& t) {
  static const std::map<v1::Outcome, std::string> kKey = {
      {v1::OUTCOME_NOT_ASSESSABLE, "not_assessable"},
      {v1::OUTCOME_NOT_ACHIEVED, "not_achieved"},
      {v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES, "partly_achieved_with_issues"},
      {v1::OUTCOME_PARTLY_ACHIEVED, "partly_achieved"},
      {v1::OUTCOME_ACHIEVED, "achieved"}};
  std::map<std::string, int> out;
  for (const CsvRow& row : t.rows) {
    absl::StatusOr<v1::Outcome> o = ParseOutcome(t.Get(row, "outcome"));
    EXPECT_TRUE(o.ok()) << o.status();
    if (o.ok()) ++out[kKey.at(*o)];
  }
  return out;
}

int Int(const std::string& text) {
  int n = -1;
  EXPECT_TRUE(absl::SimpleAtoi(text, &n)) << text;
  return n;
}

TEST_F(OpenDataExportTest, TheTablesAddUpToTheReport) {
  const std::string out = Out("opendata");
  ASSERT_EQ(Export({"--period=2023S2", "--out=" + out}), 0);
  const v1::Report report = Report();
  auto read = [&](const std::string& file) {
    absl::StatusOr<CsvTable> t = ReadCsvFile(out + "/" + file);
    EXPECT_TRUE(t.ok()) << t.status();
    return *t;
  };
  const CsvTable indicators = read("indicators.csv");
  const CsvTable lines = read("programme_lines.csv");
  const CsvTable objectives = read("executive_objectives.csv");
  const CsvTable weights = read("objective_weights.csv");
  const CsvTable outcomes = read("outcome_summary.csv");
  const CsvTable dimensions = read("dimension_summary.csv");
  EXPECT_EQ(indicators.rows.size(), size_t(report.indicators_size()));
  EXPECT_EQ(lines.rows.size(), 38u);
  EXPECT_EQ(objectives.rows.size(), 66u);

  const std::map<std::string, std::map<std::string, int>> by_row = {
      {"programme_lines", CountByOutcome(lines)},
      {"executive_objectives", CountByOutcome(objectives)}};
  ASSERT_EQ(outcomes.rows.size(), 3u);
  std::map<std::string, int> all;
  for (const auto& [row, counts] : by_row) {
    for (const auto& [k, n] : counts) all[k] += n;
  }
  for (size_t r = 0; r < outcomes.rows.size(); ++r) {
    const CsvRow& row = outcomes.rows[r];
    const std::string key = outcomes.Get(row, "row");
    const std::map<std::string, int>& expected =
        key == "all_actions" ? all : by_row.at(key);
    const v1::OutcomeRow& reported = report.outcome_table(r);
    int total = 0;
    for (size_t c = 0; c < kOutcomeTableColumns.size(); ++c) {
      const v1::Outcome o = kOutcomeTableColumns[c];
      const std::string column = outcomes.header[2 + 2 * c];
      auto it = expected.find(column);
      const int count = Int(outcomes.Get(row, column));
      EXPECT_EQ(count, it == expected.end() ? 0 : it->second)
          << key << " " << column;
      EXPECT_EQ(count, reported.counts(c).count()) << key << " " << column;
      EXPECT_EQ(reported.counts(c).outcome(), o);
      total += count;
    }
    EXPECT_EQ(Int(outcomes.Get(row, "total")), total) << key;
    EXPECT_EQ(total, reported.total()) << key;
  }

  // Lines and objectives by dimension; sociale counts its kinds too.
  std::map<std::string, int> lines_by_dimension, objectives_by_dimension;
  for (const CsvRow& row : lines.rows) {
    ++lines_by_dimension[lines.Get(row, "dimension")];
  }
  for (const CsvRow& row : objectives.rows) {
    ++objectives_by_dimension[objectives.Get(row, "dimension")];
  }
  for (const CsvRow& row : dimensions.rows) {
    const std::string key = dimensions.Get(row, "row");
    const std::string d = dimensions.Get(row, "dimension");
    auto count = [&](const std::map<std::string, int>& m) {
      if (key == "total") {
        int n = 0;
        for (const auto& [k, v] : m) n += v;
        return n;
      }
      if (key == "social") {
        int n = 0;
        for (const auto& [k, v] : m) {
          if (k.rfind("sociale", 0) == 0) n += v;
        }
        return n;
      }
      auto it = m.find(d);
      return it == m.end() ? 0 : it->second;
    };
    EXPECT_EQ(Int(dimensions.Get(row, "programme_lines")),
              count(lines_by_dimension))
        << key;
    EXPECT_EQ(Int(dimensions.Get(row, "executive_objectives")),
              count(objectives_by_dimension))
        << key;
  }
  EXPECT_EQ(dimensions.rows.size(), size_t(report.dimension_table_size()));

  // Every sector weight of the report, and no other.
  int weight_count = 0;
  for (const v1::ObjectiveResult& o : report.objectives()) {
    weight_count += o.weights_size();
  }
  EXPECT_EQ(weights.rows.size(), size_t(weight_count));
}

TEST_F(OpenDataExportTest, ASnapshotExportsTheSameBytesEveryTime) {
  const v1::Snapshot snapshot = TakeSnapshot();
  const std::string first = Out("first");
  const std::string second = Out("second");
  const std::string by_version = Out("by-version");
  ASSERT_EQ(Export({"--period=2023S2", "--snapshot=latest", "--out=" + first}),
            0);
  ASSERT_EQ(Export({"--period=2023S2", "--snapshot=latest", "--out=" + second}),
            0);
  ASSERT_EQ(Export({"--period=2023S2", "--snapshot=1", "--out=" + by_version}),
            0);
  const auto a = Folder(first);
  EXPECT_EQ(a.size(), 8u);
  EXPECT_EQ(a, Folder(second));
  EXPECT_EQ(a, Folder(by_version));

  // The live data moves on; the frozen export does not.
  v1::UnlockPeriodRequest unlock;
  unlock.set_period("2023S2");
  unlock.set_reason("rettifica");
  v1::PeriodLock unlocked;
  grpc::Status status = suite_.capture().Stub()->UnlockPeriod(
      Deadline().get(), unlock, &unlocked);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::WriteMeasurementRequest write;
  write.mutable_measurement()->set_entity("unione");
  write.mutable_measurement()->set_item("00002");
  write.mutable_measurement()->set_period("2023S2");
  write.mutable_measurement()->set_value_text("70%");
  v1::Measurement written;
  status = suite_.capture().Stub()->WriteMeasurement(Deadline().get(), write,
                                                     &written);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string after = Out("after");
  const std::string live = Out("live");
  ASSERT_EQ(Export({"--period=2023S2", "--snapshot=1", "--out=" + after}), 0);
  ASSERT_EQ(Export({"--period=2023S2", "--out=" + live}), 0);
  EXPECT_EQ(a, Folder(after));
  EXPECT_NE(a.at("indicators.csv"), Folder(live).at("indicators.csv"));

  // Dated by the snapshot, in Italian time, never by the clock.
  const Json dcat = Json::parse(a.at("dcat.jsonld"));
  const std::string day = absl::FormatTime(
      "%Y-%m-%d", absl::FromUnixSeconds(snapshot.create_time().seconds()),
      ItalianTimeZone());
  EXPECT_EQ(dcat["@graph"][0]["dct:modified"]["@value"], day);
  EXPECT_EQ(dcat["@graph"][0]["dct:issued"]["@value"], day);
  EXPECT_EQ(dcat["@graph"][0]["owl:versionInfo"], "1");
}

TEST_F(OpenDataExportTest, BadInputIsRefusedByNameAndWritesNothing) {
  struct Case {
    std::vector<std::string> flags;
    std::string message;
  };
  const std::string out = Out("nothing");
  const std::vector<Case> cases = {
      {{"--period=2023S3", "--out=" + out}, "2023S3"},
      {{"--period=2031S1", "--out=" + out}, "2031S1"},
      {{"--period=2023S2", "--scope=atlantide", "--out=" + out}, "atlantide"},
      {{"--period=2023S2", "--scope=scopes/nowhere", "--out=" + out},
       "--scope"},
      {{"--period=2023S2"}, "--out"},
      {{"--period=2023S2", "--license=CC BY", "--out=" + out}, "--license"},
      {{"--period=2023S2", "--snapshot=1", "--out=" + out}, "snapshot"},
      {{"--period=2023S2", "--snapshot=zero", "--out=" + out}, "--snapshot"},
      {{"--period=2023S2", "--snapshot=latest", "--scope=carpi",
        "--out=" + out},
       "--scope"},
  };
  for (const Case& c : cases) {
    std::string output;
    EXPECT_NE(Export(c.flags, &output), 0) << c.message;
    EXPECT_THAT(output, HasSubstr(c.message));
    EXPECT_FALSE(std::filesystem::exists(out)) << c.message;
  }
  // An entity's own scope is exported once it names one.
  std::string output;
  EXPECT_EQ(
      Export({"--period=2023S2", "--scope=carpi", "--out=" + out}, &output), 0)
      << output;
  const Json dcat = Json::parse(ReadFile(out + "/dcat.jsonld"));
  EXPECT_THAT(dcat["@graph"][0]["dct:title"]["@value"].get<std::string>(),
              HasSubstr("Comune di Carpi"));
}

}  // namespace
}  // namespace valore::testing

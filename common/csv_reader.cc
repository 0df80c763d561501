#include "common/csv_reader.h"

#include <csv.h>

#include <cerrno>
#include <cstdio>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/text_util.h"

namespace valore {
namespace {

constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

// What the libcsv callbacks build. Once `error` is set the rest of the
// input is ignored.
struct Builder {
  std::string name;
  CsvTable table;
  bool have_header = false;
  std::vector<std::string> fields;
  absl::Status error;

  // The row being read, as a message prefix.
  std::string Where() const {
    if (!have_header)
      return absl::StrCat("file ", QuoteForMessage(name), ", header");
    return absl::StrCat("file ", QuoteForMessage(name), ", row ",
                        table.rows.size() + 1);
  }

  size_t MaxFields() const {
    return have_header ? table.header.size() : kMaxCsvColumns;
  }

  void AddField(absl::string_view field) {
    if (!error.ok()) return;
    if (fields.size() >= MaxFields()) {
      error = absl::InvalidArgumentError(
          absl::StrCat(Where(), ": more than ", MaxFields(), " fields",
                       have_header ? ", as many as the header has" : ""));
      return;
    }
    fields.emplace_back(field);
  }

  void EndRow() {
    if (!error.ok()) return;
    if (!have_header) {
      table.header = std::move(fields);
      have_header = true;
    } else if (fields.size() != table.header.size()) {
      error = absl::InvalidArgumentError(
          absl::StrCat(Where(), ": ", fields.size(),
                       " fields where the header has ", table.header.size()));
    } else {
      CsvRow row;
      row.number = static_cast<int>(table.rows.size()) + 1;
      row.fields = std::move(fields);
      table.rows.push_back(std::move(row));
    }
    fields.clear();
  }
};

void OnField(void* data, size_t len, void* builder) {
  const char* chars = static_cast<const char*>(data);
  static_cast<Builder*>(builder)->AddField(
      chars == nullptr ? absl::string_view() : absl::string_view(chars, len));
}

void OnRowEnd(int /*terminator*/, void* builder) {
  static_cast<Builder*>(builder)->EndRow();
}

// RFC 4180 keeps blanks around unquoted fields; libcsv trims them unless
// told that no character is a blank.
int NoBlank(unsigned char /*c*/) { return 0; }

absl::Status CheckHeader(const Builder& builder) {
  const CsvTable& table = builder.table;
  if (!builder.have_header) {
    return absl::InvalidArgumentError(
        absl::StrCat("file ", QuoteForMessage(builder.name),
                     ": empty; expected a header row"));
  }
  for (size_t i = 0; i < table.header.size(); ++i) {
    if (table.Column(table.header[i]) != static_cast<int>(i)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "file ", QuoteForMessage(builder.name), ", header: column ",
          QuoteForMessage(table.header[i]), " appears twice"));
    }
  }
  return absl::OkStatus();
}

struct FileCloser {
  void operator()(FILE* file) const { std::fclose(file); }
};

}  // namespace

int CsvTable::Column(absl::string_view column) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == column) return static_cast<int>(i);
  }
  return -1;
}

const std::string& CsvTable::Get(const CsvRow& row,
                                 absl::string_view column) const {
  static const std::string* const kEmpty = new std::string();
  const int index = Column(column);
  if (index < 0 || static_cast<size_t>(index) >= row.fields.size()) {
    return *kEmpty;
  }
  return row.fields[index];
}

absl::StatusOr<CsvTable> ParseCsv(absl::string_view content,
                                  absl::string_view name, char delimiter) {
  if (content.size() > kMaxCsvBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("file ", QuoteForMessage(name), ": ", content.size(),
                     " bytes; at most ", kMaxCsvBytes, " are read"));
  }
  absl::ConsumePrefix(&content, kUtf8Bom);
  Builder builder;
  builder.name = std::string(name);
  builder.table.name = builder.name;

  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return absl::ResourceExhaustedError("cannot initialise the CSV parser");
  }
  csv_set_space_func(&parser, NoBlank);
  csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
  const size_t parsed = csv_parse(&parser, content.data(), content.size(),
                                  OnField, OnRowEnd, &builder);
  const bool malformed = parsed != content.size() ||
                         csv_fini(&parser, OnField, OnRowEnd, &builder) != 0;
  const std::string reason = csv_strerror(csv_error(&parser));
  csv_free(&parser);
  if (!builder.error.ok()) return builder.error;
  if (malformed) {
    return absl::InvalidArgumentError(
        absl::StrCat(builder.Where(), ": malformed CSV (", reason,
                     "); a quote inside a field must be doubled and the "
                     "field quoted"));
  }
  absl::Status header = CheckHeader(builder);
  if (!header.ok()) return header;
  return std::move(builder.table);
}

absl::StatusOr<CsvTable> ReadCsvFile(const std::string& path) {
  std::unique_ptr<FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) {
    const int error = errno;
    if (error == ENOENT) {
      return absl::NotFoundError(
          absl::StrCat("file ", QuoteForMessage(path, 4096), " not found"));
    }
    return absl::ErrnoToStatus(
        error, absl::StrCat("cannot open file ", QuoteForMessage(path, 4096)));
  }
  std::string content;
  char buffer[1 << 16];
  while (true) {
    const size_t n = std::fread(buffer, 1, sizeof(buffer), file.get());
    content.append(buffer, n);
    if (content.size() > kMaxCsvBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("file ", QuoteForMessage(path, 4096), ": larger than ",
                       kMaxCsvBytes, " bytes"));
    }
    if (n < sizeof(buffer)) break;
  }
  if (std::ferror(file.get())) {
    return absl::ErrnoToStatus(
        errno, absl::StrCat("cannot read file ", QuoteForMessage(path, 4096)));
  }
  return ParseCsv(content, path);
}

}  // namespace valore

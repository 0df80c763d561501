// RFC 4180 CSV files with a header row, read with libcsv: quoted fields may
// hold commas, doubled quotes and line breaks; CRLF and LF line ends; a UTF-8
// byte order mark is dropped. Every row must have as many fields as the
// header.
#ifndef VALORE_COMMON_CSV_READER_H_
#define VALORE_COMMON_CSV_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace valore {

// Bigger files are refused rather than held in memory.
inline constexpr size_t kMaxCsvBytes = size_t{64} << 20;
// A header with more columns is refused.
inline constexpr size_t kMaxCsvColumns = 1000;

struct CsvRow {
  // 1-based data row: the header is row 0, as in valore.v1.SourceRef.row.
  int number = 0;
  std::vector<std::string> fields;
};

struct CsvTable {
  // The file path or the name given to ParseCsv, for messages.
  std::string name;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // Index of the column named `column` in the header, or -1.
  int Column(absl::string_view column) const;
  // The field of `row` under `column`; "" when there is no such column.
  const std::string& Get(const CsvRow& row, absl::string_view column) const;
};

// NOT_FOUND naming the path when the file does not exist; INVALID_ARGUMENT
// naming the file and row for malformed CSV or a row whose field count
// differs from the header's.
absl::StatusOr<CsvTable> ReadCsvFile(const std::string& path);
// As ReadCsvFile, on text already in memory; `name` is used in messages.
// `delimiter` ';' reads what a spreadsheet in an Italian locale saves.
absl::StatusOr<CsvTable> ParseCsv(absl::string_view content,
                                  absl::string_view name, char delimiter = ',');

}  // namespace valore

#endif  // VALORE_COMMON_CSV_READER_H_

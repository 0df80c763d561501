// The appendix's data as open-data tables: indicators, programme lines,
// executive objectives and their weights, and the two summary tables. Each
// table carries its columns (English snake_case names, Italian titles,
// datatypes) with its rows, so that the CSV header and the CSVW metadata
// come from one description and cannot disagree.
#ifndef VALORE_CLI_OPENDATA_OPENDATA_TABLES_H_
#define VALORE_CLI_OPENDATA_OPENDATA_TABLES_H_

#include <string>
#include <vector>

#include "valore/v1/aggregation.pb.h"

namespace valore::cli::opendata {

// CSVW built-in datatypes the tables use.
enum class Datatype { kString, kInteger, kDecimal, kBoolean };

// "string", "integer", "decimal", "boolean".
const char* DatatypeName(Datatype datatype);

struct Column {
  std::string name;   // "computed_outcome"
  std::string title;  // "Esito calcolato"
  Datatype datatype = Datatype::kString;
  // Every row has a value (CSVW "required").
  bool required = false;
  // Not empty: the cell is a list of values parted by it (CSVW "separator").
  std::string separator;
};

struct ForeignKey {
  std::string column;             // in this table
  std::string referenced_file;    // "programme_lines.csv"
  std::string referenced_column;  // its primary key
};

struct Table {
  std::string file;   // "indicators.csv"
  std::string title;  // Italian
  std::vector<Column> columns;
  std::vector<std::string> primary_key;
  std::vector<ForeignKey> foreign_keys;
  // Cells as written in the CSV, one per column; empty is no value.
  std::vector<std::vector<std::string>> rows;
};

// The tables of `report`, in the order they are published.
std::vector<Table> OpenDataTables(const v1::Report& report);

// The table as CSV: UTF-8, a header row of the column names, RFC 4180
// quoting, CRLF line ends (the report's own CSV writer).
std::string TableCsv(const Table& table);

// A number as the CSV writes it: '.' as decimal mark, no grouping, no
// exponent, the shortest text that reads back as the same double ("80.5",
// "173", "26.31578947368421").
std::string DecimalText(double value);

}  // namespace valore::cli::opendata

#endif  // VALORE_CLI_OPENDATA_OPENDATA_TABLES_H_

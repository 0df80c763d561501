// The CSVW metadata of the open-data tables ("Metadata Vocabulary for
// Tabular Data", W3C): csv-metadata.json, a table group naming every table
// by its file, every column with its name, Italian title, datatype and
// whether it is required, and the tables' primary and foreign keys.
#ifndef VALORE_CLI_OPENDATA_CSVW_METADATA_H_
#define VALORE_CLI_OPENDATA_CSVW_METADATA_H_

#include <string>
#include <vector>

#include "cli/opendata/opendata_tables.h"

namespace valore::cli::opendata {

// The file name CSVW processors look for beside the tables.
inline constexpr char kCsvwMetadataFile[] = "csv-metadata.json";

// The metadata document (UTF-8 JSON, keys in a fixed order, ending in a line
// break). `title` and `description` are the table group's, in Italian.
std::string CsvwMetadata(const std::vector<Table>& tables,
                         const std::string& title,
                         const std::string& description,
                         const std::string& license);

}  // namespace valore::cli::opendata

#endif  // VALORE_CLI_OPENDATA_CSVW_METADATA_H_

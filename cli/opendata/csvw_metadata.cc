#include "cli/opendata/csvw_metadata.h"

#include <nlohmann/json.hpp>

namespace valore::cli::opendata {
namespace {

using Json = nlohmann::ordered_json;

// A single column's key is written as a string, a compound one as a list.
Json ColumnReference(const std::vector<std::string>& columns) {
  if (columns.size() == 1) return columns[0];
  return Json(columns);
}

Json ColumnJson(const Column& c) {
  Json j;
  j["name"] = c.name;
  j["titles"] = {{"it", c.title}};
  j["datatype"] = DatatypeName(c.datatype);
  j["required"] = c.required;
  if (!c.separator.empty()) j["separator"] = c.separator;
  return j;
}

Json TableJson(const Table& t) {
  Json schema;
  Json columns = Json::array();
  for (const Column& c : t.columns) columns.push_back(ColumnJson(c));
  schema["columns"] = std::move(columns);
  if (!t.primary_key.empty()) {
    schema["primaryKey"] = ColumnReference(t.primary_key);
  }
  if (!t.foreign_keys.empty()) {
    Json keys = Json::array();
    for (const ForeignKey& k : t.foreign_keys) {
      keys.push_back({{"columnReference", k.column},
                      {"reference",
                       {{"resource", k.referenced_file},
                        {"columnReference", k.referenced_column}}}});
    }
    schema["foreignKeys"] = std::move(keys);
  }
  Json j;
  j["url"] = t.file;
  j["dc:title"] = {{"@value", t.title}, {"@language", "it"}};
  j["tableSchema"] = std::move(schema);
  return j;
}

}  // namespace

std::string CsvwMetadata(const std::vector<Table>& tables,
                         const std::string& title,
                         const std::string& description,
                         const std::string& license) {
  Json doc;
  // Plain strings in the document (titles) are Italian.
  doc["@context"] =
      Json::array({"http://www.w3.org/ns/csvw", Json{{"@language", "it"}}});
  doc["dc:title"] = {{"@value", title}, {"@language", "it"}};
  doc["dc:description"] = {{"@value", description}, {"@language", "it"}};
  doc["dc:license"] = {{"@id", license}};
  // Cells hold Italian text (titles, outcomes, justifications); inherited by
  // every column.
  doc["lang"] = "it";
  // The tables' own dialect: RFC 4180 with a header row, as written.
  doc["dialect"] = {{"encoding", "utf-8"},
                    {"lineTerminators", Json::array({"\r\n"})},
                    {"header", true}};
  Json list = Json::array();
  for (const Table& t : tables) list.push_back(TableJson(t));
  doc["tables"] = std::move(list);
  // Text that is not UTF-8 is replaced, never thrown on.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace valore::cli::opendata

// The open-data folder described for a national catalog: a DCAT-AP_IT
// dataset with its distributions, in JSON-LD, that dati.gov.it can harvest
// (AgID's profile: dcatapit:Dataset, Agent, Distribution, PeriodOfTime and
// the EU vocabularies for themes, frequencies, file types and languages).
#ifndef VALORE_CLI_OPENDATA_DCAT_DESCRIPTION_H_
#define VALORE_CLI_OPENDATA_DCAT_DESCRIPTION_H_

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace valore::cli::opendata {

inline constexpr char kDcatFile[] = "dcat.jsonld";
// Creative Commons Attribution 4.0 International: the default licence.
inline constexpr char kDefaultLicense[] =
    "https://creativecommons.org/licenses/by/4.0/";

// One file of the folder.
struct Distribution {
  std::string file;        // "indicators.csv", relative to the folder
  std::string title;       // Italian
  std::string media_type;  // "text/csv"
  // The EU file-type code ("CSV", "JSON", "JSON_LD").
  std::string format;
};

struct DatasetDescription {
  std::string identifier;  // "unione:valore-pubblico-2023S2-union"
  std::string title;       // Italian
  std::string description;
  std::string publisher_name;  // "Unione delle Terre d'Argine"
  std::string publisher_id;    // its IPA code, else its catalog id
  std::string contact_email;   // optional
  std::string license;         // a URI
  std::string temporal_start;  // "2023-01-01"
  std::string temporal_end;    // "2023-12-31"
  absl::Time issued;
  absl::Time modified;
  // "1" for a snapshot's version; empty for live data.
  std::string version;
  std::vector<Distribution> distributions;
};

// The JSON-LD document (UTF-8, keys in a fixed order, ending in a line
// break). Dates are written as days in Italian time (xsd:date), as the
// profile asks.
std::string DcatJsonLd(const DatasetDescription& dataset);

}  // namespace valore::cli::opendata

#endif  // VALORE_CLI_OPENDATA_DCAT_DESCRIPTION_H_

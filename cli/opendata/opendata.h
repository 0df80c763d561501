// The open-data folder of one period's appendix: the tables as CSV, their
// CSVW metadata (csv-metadata.json) and the DCAT-AP_IT description of the
// dataset (dcat.jsonld). Built in memory from a report, so that nothing is
// written until every file is ready; the same report and options give the
// same bytes.
#ifndef VALORE_CLI_OPENDATA_OPENDATA_H_
#define VALORE_CLI_OPENDATA_OPENDATA_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cli/opendata/dcat_description.h"
#include "valore/v1/aggregation.pb.h"

namespace valore::cli::opendata {

struct OpenDataOptions {
  // The scope as the appendix names it ("Unione delle Terre d'Argine e
  // Comuni (complessivo)", "Comune di Carpi") and as an id ("union",
  // "carpi").
  std::string scope_name;
  std::string scope_id;
  // The Union, which publishes and holds the rights: its name and its IPA
  // code (or, without one, its catalog id).
  std::string publisher_name;
  std::string publisher_id;
  // Optional.
  std::string contact_email;
  // An absolute http(s) URI.
  std::string license = kDefaultLicense;
  // When the data was first published (the period's first snapshot, or the
  // data's moment) and when it stood as exported.
  absl::Time issued;
  absl::Time modified;
  // The snapshot's version; 0 for live data.
  int snapshot_version = 0;
};

struct OpenDataFile {
  std::string name;  // relative to the folder
  std::string content;
};

// Every file of the folder, the tables first. INVALID_ARGUMENT naming the
// flag for a licence that is not an absolute http(s) URI, an empty or
// spaced publisher id, a contact that is not an e-mail address, or a report
// whose period does not parse.
absl::StatusOr<std::vector<OpenDataFile>> BuildOpenData(
    const v1::Report& report, const OpenDataOptions& options);

}  // namespace valore::cli::opendata

#endif  // VALORE_CLI_OPENDATA_OPENDATA_H_

// Words the web app shows that depend on data: roles, error titles and
// messages. The appendix's own labels (outcomes, dimensions, numbers) come
// from common/, as the report's do.
#ifndef VALORE_SERVICES_WEB_PAGE_LABELS_H_
#define VALORE_SERVICES_WEB_PAGE_LABELS_H_

#include <string>

#include "absl/status/status.h"
#include "valore/v1/catalog.pb.h"

namespace valore::web {

// "amministratore", "redattore (carpi)", "lettore", "procedura automatica".
std::string RoleLabel(const v1::Caller& caller);
// Whether the caller may write values at all (admin or editor).
bool MayWriteValues(const v1::Caller& caller);
// Whether the caller may lock periods and take snapshots (admin or job).
bool MayManagePeriods(const v1::Caller& caller);
// "Operazione non consentita" for PERMISSION_DENIED, and so on.
std::string ErrorTitle(absl::StatusCode code);
// "Operazione non consentita: <the service's reason>".
std::string ErrorMessage(const absl::Status& status);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_PAGE_LABELS_H_

// Words the web app shows that depend on data: roles, error titles and
// messages. The appendix's own labels (outcomes, dimensions, numbers) come
// from common/, as the report's do.
#ifndef VALORE_SERVICES_WEB_PAGE_LABELS_H_
#define VALORE_SERVICES_WEB_PAGE_LABELS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/web/session_store.h"
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
// An error the web app itself finds, said in Italian: shown as it is, with
// no service detail after it.
absl::Status ItalianError(absl::StatusCode code, absl::string_view message);

// "1 valore salvato", "3 valori salvati".
std::string Count(size_t n, absl::string_view one, absl::string_view many);

// What an error's reason (errors.proto) means for a person, in Italian ("il
// periodo è bloccato"); empty for a reason the service's words say best.
std::string ReasonInItalian(const absl::Status& status);
// The error as a page shows it: "Operazione non possibile: il periodo è
// bloccato." and, as its detail, the service's own (English) words.
Flash ErrorFlash(const absl::Status& status);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_PAGE_LABELS_H_

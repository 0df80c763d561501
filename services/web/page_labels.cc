#include "services/web/page_labels.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace valore::web {

std::string RoleLabel(const v1::Caller& caller) {
  if (caller.unauthenticated_mode()) return "senza autenticazione";
  switch (caller.role()) {
    case v1::Caller::ROLE_ADMIN:
      return "amministratore";
    case v1::Caller::ROLE_EDITOR:
      return absl::StrCat("redattore (", absl::StrJoin(caller.entities(), ", "),
                          ")");
    case v1::Caller::ROLE_JOB:
      return "procedura automatica";
    default:
      return "lettore";
  }
}

bool MayWriteValues(const v1::Caller& caller) {
  return caller.role() == v1::Caller::ROLE_ADMIN ||
         caller.role() == v1::Caller::ROLE_EDITOR;
}

bool MayManagePeriods(const v1::Caller& caller) {
  return caller.role() == v1::Caller::ROLE_ADMIN ||
         caller.role() == v1::Caller::ROLE_JOB;
}

std::string ErrorTitle(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kPermissionDenied:
      return "Operazione non consentita";
    case absl::StatusCode::kNotFound:
      return "Non trovato";
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return "Dati non validi";
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kAlreadyExists:
      return "Operazione non possibile";
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return "Servizio non disponibile";
    case absl::StatusCode::kUnauthenticated:
      return "Accesso richiesto";
    default:
      return "Errore";
  }
}

std::string ErrorMessage(const absl::Status& status) {
  return absl::StrCat(ErrorTitle(status.code()), ": ", status.message());
}

}  // namespace valore::web

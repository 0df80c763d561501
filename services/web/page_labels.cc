#include "services/web/page_labels.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/error_details.h"
#include "valore/v1/errors.pb.h"

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

namespace {

// What the reason means for the person who met it; empty for reasons whose
// detail says it all.
const char* ReasonSentence(v1::ErrorReason reason) {
  switch (reason) {
    case v1::VALUE_DOES_NOT_FIT_TARGET:
      return "il valore non si può confrontare con l'obiettivo";
    case v1::JUSTIFICATION_REQUIRED:
      return "serve una motivazione quando l'esito validato è diverso da "
             "quello calcolato";
    case v1::PERIOD_LOCKED:
      return "il periodo è bloccato";
    case v1::ROLE_NOT_ALLOWED:
      return "il proprio ruolo non consente questa operazione";
    case v1::ENTITY_NOT_ALLOWED:
      return "non si possono scrivere i valori di questo ente";
    case v1::CREDENTIALS_MISSING_OR_INVALID:
      return "l'accesso non è più valido: accedere di nuovo";
    case v1::FIELD_REQUIRED:
      return "manca un dato obbligatorio";
    case v1::INVALID_FIELD:
    case v1::INVALID_PERIOD:
    case v1::INVALID_NAME:
      return "un dato non è valido";
    case v1::ENTITY_NOT_FOUND:
      return "l'ente non esiste";
    case v1::ITEM_NOT_FOUND:
      return "la voce non esiste nel catalogo del periodo";
    case v1::SNAPSHOT_NOT_FOUND:
      return "lo snapshot non esiste";
    case v1::PERIOD_HAS_NO_DATA:
      return "nessun dato per il periodo";
    case v1::CONCURRENT_CHANGE:
      return "gli stessi dati sono stati modificati nel frattempo: ricaricare "
             "la pagina";
    case v1::RATE_LIMITED:
      return "troppe richieste: riprovare tra poco";
    case v1::CATALOG_NOT_IMPORTED:
      return "il catalogo non è ancora stato importato";
    default:
      return "";
  }
}

}  // namespace

namespace {
// Marks the errors the web app words itself.
constexpr absl::string_view kItalianPayload = "type.valore/web.italian";
}  // namespace

absl::Status ItalianError(absl::StatusCode code, absl::string_view message) {
  absl::Status status(code, message);
  status.SetPayload(kItalianPayload, absl::Cord("1"));
  return status;
}

std::string Count(size_t n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

std::string ReasonInItalian(const absl::Status& status) {
  return ReasonSentence(ReasonOf(status));
}

Flash ErrorFlash(const absl::Status& status) {
  if (status.GetPayload(kItalianPayload).has_value()) {
    return Flash{
        absl::StrCat(ErrorTitle(status.code()), ": ", status.message(), "."),
        "", true};
  }
  const std::string sentence = ReasonInItalian(status);
  // What went wrong inside is for the log, not for the page.
  const bool inside = status.code() == absl::StatusCode::kInternal ||
                      status.code() == absl::StatusCode::kUnknown ||
                      status.code() == absl::StatusCode::kDataLoss;
  return Flash{sentence.empty() ? absl::StrCat(ErrorTitle(status.code()), ".")
                                : absl::StrCat(ErrorTitle(status.code()), ": ",
                                               sentence, "."),
               inside ? std::string() : std::string(status.message()), true};
}

}  // namespace valore::web

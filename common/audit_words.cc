#include "common/audit_words.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/labels.h"
#include "common/value_text.h"

namespace valore {
namespace {

std::string LockWord(bool locked) { return locked ? "bloccato" : "aperto"; }

std::string Version(int64_t version) {
  return absl::StrCat("versione ", version);
}

}  // namespace

void WriteAuditWords(v1::AuditEvent* event) {
  const v1::AuditChange& change = event->change();
  switch (change.what_case()) {
    case v1::AuditChange::kMeasurement: {
      const v1::AuditChange::Measurement& m = change.measurement();
      event->set_previous_value(m.has_before() ? ValueText(m.before()) : "");
      event->set_new_value(ValueText(m.after()));
      event->set_detail(m.note());
      return;
    }
    case v1::AuditChange::kPeriodLock: {
      const v1::AuditChange::PeriodLock& l = change.period_lock();
      event->set_previous_value(LockWord(l.locked_before()));
      event->set_new_value(LockWord(l.locked_after()));
      event->set_detail(l.reason());
      return;
    }
    case v1::AuditChange::kCatalogVersion: {
      const v1::AuditChange::CatalogVersion& c = change.catalog_version();
      event->set_previous_value(Version(c.version_before()));
      event->set_new_value(Version(c.version_after()));
      event->set_detail(absl::StrCat(
          c.entities(), " enti, ", c.lines(), " linee, ", c.indicators(),
          " indicatori, ", c.targets(), " target, ", c.executive_objectives(),
          " obiettivi esecutivi; in vigore ",
          c.effective_from().empty()
              ? std::string("per ogni periodo")
              : absl::StrCat("dal ", c.effective_from())));
      return;
    }
    case v1::AuditChange::kValidatedOutcome: {
      const v1::AuditChange::ValidatedOutcome& v = change.validated_outcome();
      event->set_previous_value(v.before() == v1::OUTCOME_UNSPECIFIED
                                    ? ""
                                    : LineOutcomeLabel(v.before()));
      event->set_new_value(LineOutcomeLabel(v.after()));
      event->set_detail(v.justification());
      return;
    }
    case v1::AuditChange::kSnapshot: {
      const v1::AuditChange::Snapshot& s = change.snapshot();
      event->set_previous_value(
          s.version_before() > 0 ? Version(s.version_before()) : "");
      event->set_new_value(Version(s.version_after()));
      event->set_detail(absl::StrCat("sha256 ", s.content_hash(),
                                     "; bloccato in ",
                                     absl::StrJoin(s.locked(), ", ")));
      return;
    }
    case v1::AuditChange::kPublishedFigures:
      event->clear_previous_value();
      event->set_new_value(absl::StrCat(change.published_figures().figures(),
                                        " cifre pubblicate"));
      event->clear_detail();
      return;
    case v1::AuditChange::WHAT_NOT_SET:
      return;
  }
}

}  // namespace valore

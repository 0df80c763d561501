// The Italian words the appendix uses for outcomes and wellbeing dimensions,
// and their parsing from the shipped data.
#ifndef VALORE_COMMON_LABELS_H_
#define VALORE_COMMON_LABELS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/common.pb.h"

namespace valore {

// Column headers of the outcome table, as printed:
// "Non valutabile/ Altro", "Non raggiunto", "Quasi raggiunto (con
// criticità)", "Quasi raggiunto (no criticità)", "Raggiunto".
std::string OutcomeColumnLabel(v1::Outcome outcome);
// How the detail tables write an indicator's outcome: "raggiunto", "quasi
// raggiunto", "non raggiunto", "non valutabile".
std::string IndicatorOutcomeLabel(v1::Outcome outcome);
// A line's: "Raggiunto", "Quasi raggiunto (no criticità)", "Quasi raggiunto
// (con criticità)", "Non raggiunto", "Non valutabile".
std::string LineOutcomeLabel(v1::Outcome outcome);
// An executive objective's: "Raggiunto", "Quasi raggiunto", "Non raggiunto",
// "Non valutabile".
std::string ObjectiveOutcomeLabel(v1::Outcome outcome);

// How the year-end forecast projected a value: "quota storica del primo
// semestre", "primo semestre raddoppiato", "ultimo valore", "banda",
// "per componente", "non prevedibile".
std::string ForecastMethodLabel(v1::ForecastMethod method);

// Reads any of the labels above, case-insensitively and ignoring surrounding
// spaces. INVALID_ARGUMENT naming `field` and the text otherwise.
absl::StatusOr<v1::Outcome> ParseOutcome(absl::string_view text,
                                         absl::string_view field = "outcome");

// "ambientale", "assistenziale", "economica", "educativa", "sociale",
// "sociale (sicurezza)", "sociale (urbana)", "istituzionale".
std::string DimensionLabel(v1::WellbeingDimension dimension);
absl::StatusOr<v1::WellbeingDimension> ParseDimension(
    absl::string_view text, absl::string_view field = "dimension");
// True for SOCIAL, SOCIAL_SAFETY and SOCIAL_URBAN.
bool IsSocial(v1::WellbeingDimension dimension);

}  // namespace valore

#endif  // VALORE_COMMON_LABELS_H_

#include "common/labels.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/error_details.h"
#include "common/text_util.h"

namespace valore {

// The table's columns are the line labels, but for the not-assessable one.
std::string OutcomeColumnLabel(v1::Outcome outcome) {
  const std::string label = LineOutcomeLabel(outcome);
  return label == "Non valutabile" ? "Non valutabile/ Altro" : label;
}

std::string IndicatorOutcomeLabel(v1::Outcome outcome) {
  switch (outcome) {
    case v1::OUTCOME_NOT_ACHIEVED:
      return "non raggiunto";
    case v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES:
      return "quasi raggiunto (con criticità)";
    case v1::OUTCOME_PARTLY_ACHIEVED:
      return "quasi raggiunto";
    case v1::OUTCOME_ACHIEVED:
      return "raggiunto";
    default:
      return "non valutabile";
  }
}

std::string LineOutcomeLabel(v1::Outcome outcome) {
  switch (outcome) {
    case v1::OUTCOME_NOT_ACHIEVED:
      return "Non raggiunto";
    case v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES:
      return "Quasi raggiunto (con criticità)";
    case v1::OUTCOME_PARTLY_ACHIEVED:
      return "Quasi raggiunto (no criticità)";
    case v1::OUTCOME_ACHIEVED:
      return "Raggiunto";
    default:
      return "Non valutabile";
  }
}

// Objectives are written as lines are, but "quasi" has no criticità split.
std::string ObjectiveOutcomeLabel(v1::Outcome outcome) {
  return outcome == v1::OUTCOME_PARTLY_ACHIEVED ? "Quasi raggiunto"
                                                : LineOutcomeLabel(outcome);
}

std::string ForecastMethodLabel(v1::ForecastMethod method) {
  switch (method) {
    case v1::FORECAST_METHOD_FLOW_SHARE:
      return "quota storica del primo semestre";
    case v1::FORECAST_METHOD_FLOW_DOUBLE:
      return "primo semestre raddoppiato";
    case v1::FORECAST_METHOD_LEVEL_CARRY:
      return "ultimo valore";
    case v1::FORECAST_METHOD_BAND:
      return "banda";
    case v1::FORECAST_METHOD_COMPOSITE:
      return "per componente";
    default:
      return "non prevedibile";
  }
}

namespace {

// Lower-case, single spaces, no surrounding blanks. Of the accented capitals
// only "À" occurs in these labels ("CRITICITÀ"), so only it is folded.
std::string Normalize(absl::string_view text) {
  std::string lower = absl::StrReplaceAll(absl::AsciiStrToLower(text),
                                          {{"\xC3\x80", "\xC3\xA0"}});
  return absl::StrJoin(
      absl::StrSplit(lower, absl::ByAnyChar(" \t\r\n\v\f"), absl::SkipEmpty()),
      " ");
}

}  // namespace

absl::StatusOr<v1::Outcome> ParseOutcome(absl::string_view text,
                                         absl::string_view field) {
  const std::string t = Normalize(text);
  if (t == "raggiunto") return v1::OUTCOME_ACHIEVED;
  if (t == "quasi raggiunto" || t == "quasi raggiunto (no criticità)") {
    return v1::OUTCOME_PARTLY_ACHIEVED;
  }
  if (t == "quasi raggiunto (con criticità)") {
    return v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES;
  }
  if (t == "non raggiunto") return v1::OUTCOME_NOT_ACHIEVED;
  if (t == "non valutabile" || t == "non valutabile/ altro" ||
      t == "non valutabile/altro") {
    return v1::OUTCOME_NOT_ASSESSABLE;
  }
  return InvalidFieldError(
      field,
      absl::StrCat(
          QuoteForMessage(text),
          " is not an outcome; expected one of: Raggiunto, Quasi raggiunto (no "
          "criticità), Quasi raggiunto (con criticità), Non raggiunto, Non "
          "valutabile"));
}

std::string DimensionLabel(v1::WellbeingDimension dimension) {
  switch (dimension) {
    case v1::WELLBEING_DIMENSION_ENVIRONMENTAL:
      return "ambientale";
    case v1::WELLBEING_DIMENSION_CARE:
      return "assistenziale";
    case v1::WELLBEING_DIMENSION_ECONOMIC:
      return "economica";
    case v1::WELLBEING_DIMENSION_EDUCATIONAL:
      return "educativa";
    case v1::WELLBEING_DIMENSION_SOCIAL:
      return "sociale";
    case v1::WELLBEING_DIMENSION_SOCIAL_SAFETY:
      return "sociale (sicurezza)";
    case v1::WELLBEING_DIMENSION_SOCIAL_URBAN:
      return "sociale (urbana)";
    case v1::WELLBEING_DIMENSION_INSTITUTIONAL:
      return "istituzionale";
    default:
      return "";
  }
}

absl::StatusOr<v1::WellbeingDimension> ParseDimension(absl::string_view text,
                                                      absl::string_view field) {
  const std::string t = Normalize(text);
  for (int d = v1::WELLBEING_DIMENSION_ENVIRONMENTAL;
       d <= v1::WELLBEING_DIMENSION_INSTITUTIONAL; ++d) {
    const auto dimension = static_cast<v1::WellbeingDimension>(d);
    if (t == DimensionLabel(dimension)) return dimension;
  }
  if (t == "sociale (sociale)") return v1::WELLBEING_DIMENSION_SOCIAL;
  return InvalidFieldError(
      field,
      absl::StrCat(QuoteForMessage(text),
                   " is not a wellbeing dimension; expected ambientale, "
                   "assistenziale, economica, educativa, sociale, sociale "
                   "(sicurezza), sociale (urbana) or istituzionale"));
}

bool IsSocial(v1::WellbeingDimension dimension) {
  return dimension == v1::WELLBEING_DIMENSION_SOCIAL ||
         dimension == v1::WELLBEING_DIMENSION_SOCIAL_SAFETY ||
         dimension == v1::WELLBEING_DIMENSION_SOCIAL_URBAN;
}

}  // namespace valore

#include "common/record_checks.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/labels.h"
#include "common/resource_names.h"
#include "common/text_util.h"
#include "common/value_fit.h"
#include "common/value_parser.h"

namespace valore {
namespace {

// Numbers, units and parts are value_fit's (CheckValueFits, after the
// item's rule is known); the shape check bounds the label.
absl::Status CheckQuantity(const std::string& field, const v1::Quantity& q) {
  return CheckText(field + ".label", q.label(), false, kMaxNameBytes);
}

bool CatalogHas(const v1::Catalog& c, v1::ItemType type,
                const std::string& item) {
  switch (type) {
    case v1::ITEM_TYPE_INDICATOR:
      for (const auto& i : c.indicators()) {
        if (i.code() == item) return true;
      }
      return false;
    case v1::ITEM_TYPE_PROGRAMME_LINE:
      for (const auto& l : c.lines()) {
        if (l.code() == item) return true;
      }
      return false;
    case v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE:
      for (const auto& o : c.executive_objectives()) {
        if (o.code() == item) return true;
      }
      return false;
    default:
      return false;
  }
}

const char* ItemTypeName(v1::ItemType type) {
  switch (type) {
    case v1::ITEM_TYPE_INDICATOR:
      return "indicator";
    case v1::ITEM_TYPE_PROGRAMME_LINE:
      return "programme line";
    case v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE:
      return "executive objective";
    default:
      return "item";
  }
}

// The cell fields `f.table()` needs are set; `prefix` names the figure.
absl::Status CheckFigureCell(const v1::PublishedFigure& f,
                             absl::string_view prefix) {
  auto required = [&](absl::string_view field) {
    return InvalidFieldError(absl::StrCat(prefix, field),
                             absl::StrCat("required for a figure of table ",
                                          v1::FigureTable_Name(f.table())),
                             v1::FIELD_REQUIRED);
  };
  switch (f.table()) {
    case v1::FIGURE_TABLE_OUTCOMES:
      if (f.outcome_row() == v1::OUTCOME_TABLE_ROW_UNSPECIFIED ||
          !v1::OutcomeTableRow_IsValid(f.outcome_row())) {
        return required("outcome_row");
      }
      if (!v1::Outcome_IsValid(f.outcome_column())) {
        return InvalidFieldError(
            absl::StrCat(prefix, "outcome_column"),
            absl::StrCat(f.outcome_column(), " is not an outcome"));
      }
      return absl::OkStatus();
    case v1::FIGURE_TABLE_DIMENSIONS:
      if (!v1::WellbeingDimension_IsValid(f.dimension())) {
        return InvalidFieldError(
            absl::StrCat(prefix, "dimension"),
            absl::StrCat(f.dimension(), " is not a dimension"));
      }
      if (f.dimension_column() == v1::DIMENSION_COLUMN_UNSPECIFIED ||
          !v1::DimensionColumn_IsValid(f.dimension_column())) {
        return required("dimension_column");
      }
      return absl::OkStatus();
    case v1::FIGURE_TABLE_ENTITY_FIGURES:
      if (f.indicator().empty()) return required("indicator");
      return absl::OkStatus();
    default:
      return InvalidFieldError(
          absl::StrCat(prefix, "table"),
          absl::StrCat(f.table(),
                       " is not FIGURE_TABLE_OUTCOMES, _DIMENSIONS or "
                       "_ENTITY_FIGURES"),
          v1::FIELD_REQUIRED);
  }
}

}  // namespace

absl::Status CheckText(absl::string_view field, absl::string_view text,
                       bool required, size_t limit) {
  if (required && text.empty()) {
    return InvalidFieldError(field, "is required", v1::FIELD_REQUIRED);
  }
  if (text.size() > limit) {
    return InvalidFieldError(
        field,
        absl::StrCat(text.size(), " bytes is over the limit of ", limit));
  }
  return absl::OkStatus();
}

absl::Status CheckMeasurementShape(const v1::Measurement& m,
                                   absl::string_view prefix) {
  // Field names are only spelled out for an error: a bulk write checks
  // thousands of valid records per call.
  auto field = [&](absl::string_view name) {
    return absl::StrCat(prefix, name);
  };
  auto text = [&](absl::string_view name, absl::string_view value,
                  bool required, size_t limit) -> absl::Status {
    if ((required && value.empty()) || value.size() > limit) {
      return CheckText(field(name), value, required, limit);
    }
    return absl::OkStatus();
  };
  auto quantity = [&](absl::string_view name,
                      const v1::Quantity& q) -> absl::Status {
    if (q.label().size() <= kMaxNameBytes) return absl::OkStatus();
    return CheckQuantity(field(name), q);
  };
  if (absl::Status s = text("entity", m.entity(), true, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = text("item", m.item(), true, kMaxNameBytes); !s.ok()) {
    return s;
  }
  if (absl::Status s = text("note", m.note(), false, kMaxTextBytes); !s.ok()) {
    return s;
  }
  if (!m.value_text().empty()) {
    // The text is read against the item's target once that is known.
    if (m.has_value()) {
      return InvalidFieldError(field("value_text"),
                               "set either value or value_text, not both");
    }
    return text("value_text", m.value_text(), false, kMaxValueTextBytes);
  }
  const v1::Value& v = m.value();
  if (absl::Status s = text("value.display", v.display(), false, kMaxTextBytes);
      !s.ok()) {
    return s;
  }
  switch (v.kind_case()) {
    case v1::Value::kNumber:
      return quantity("value.number", v.number());
    case v1::Value::kText:
      return text("value.text", v.text(), true, kMaxTextBytes);
    case v1::Value::kNotMeasurable:
      return text("value.not_measurable.reason", v.not_measurable().reason(),
                  true, kMaxTextBytes);
    case v1::Value::kComposite: {
      const int n = v.composite().parts_size();
      if (n == 0 || n > kMaxComponents) {
        return InvalidFieldError(
            absl::StrCat(prefix, "value.composite.parts"),
            absl::StrCat(n, " parts; expected 1 to ", kMaxComponents),
            v1::VALUE_DOES_NOT_FIT_TARGET);
      }
      for (int i = 0; i < n; ++i) {
        absl::Status s =
            quantity(absl::StrCat("value.composite.parts[", i, "]"),
                     v.composite().parts(i));
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    }
    case v1::Value::KIND_NOT_SET:
      break;
  }
  return InvalidFieldError(
      absl::StrCat(prefix, "value"),
      "is required (a number, a text, not_measurable with a reason, or "
      "composite parts), or value_text",
      v1::FIELD_REQUIRED);
}

bool CatalogHasEntity(const v1::Catalog& catalog, absl::string_view id) {
  for (const v1::Entity& e : catalog.entities()) {
    if (e.id() == id) return true;
  }
  return false;
}

ItemRule RuleOfIndicator(const v1::Indicator& indicator) {
  ItemRule rule;
  rule.unit = indicator.unit();
  *rule.indicator.mutable_targets() = indicator.targets();
  return rule;
}

ItemRule RuleOfObjective() {
  ItemRule rule;
  rule.unit = v1::UNIT_PERCENT;
  return rule;
}

std::optional<ItemRule> FindItemRule(const v1::Catalog& catalog,
                                     absl::string_view item) {
  for (const v1::Indicator& i : catalog.indicators()) {
    if (i.code() == item) return RuleOfIndicator(i);
  }
  for (const v1::ExecutiveObjective& o : catalog.executive_objectives()) {
    if (o.code() == item) return RuleOfObjective();
  }
  return std::nullopt;
}

absl::Status CheckMeasurementValue(const v1::Measurement& m,
                                   const ItemRule& rule, Period period,
                                   absl::string_view prefix,
                                   v1::Value* parsed) {
  // The value must fit the target in force for its period and entity.
  const v1::Target* target =
      TargetFor(rule.indicator, period.year(), m.entity());
  if (!m.value_text().empty()) {
    absl::StatusOr<v1::Value> value = ParseValueForItem(
        m.value_text(), target, rule.unit, absl::StrCat(prefix, "value_text"));
    if (!value.ok()) return value.status();
    *parsed = *std::move(value);
    return absl::OkStatus();
  }
  return CheckValueFits(m.value(), target, rule.unit, prefix);
}

absl::StatusOr<CheckedOutcome> CheckValidatedOutcome(
    const v1::ValidatedOutcome& v, absl::string_view field) {
  absl::StatusOr<Period> period =
      Period::Parse(v.period(), absl::StrCat(field, "period"));
  if (!period.ok()) return period.status();
  absl::StatusOr<std::string> entity =
      ParseScopeName(v.scope(), absl::StrCat(field, "scope"));
  if (!entity.ok()) return entity.status();
  if (v.outcome() < v1::OUTCOME_NOT_ASSESSABLE ||
      v.outcome() > v1::OUTCOME_ACHIEVED) {
    return InvalidFieldError(
        absl::StrCat(field, "outcome"),
        absl::StrCat(v.outcome(),
                     " is not one of Non valutabile, Non raggiunto, Quasi "
                     "raggiunto (con criticità), Quasi raggiunto (no "
                     "criticità), Raggiunto"));
  }
  if (v.item_type() == v1::ITEM_TYPE_UNSPECIFIED ||
      !v1::ItemType_IsValid(v.item_type())) {
    return InvalidFieldError(
        absl::StrCat(field, "item_type"),
        absl::StrCat(v.item_type(),
                     " is not indicator, programme line or executive "
                     "objective"));
  }
  if (v.justification().size() > kMaxJustificationBytes) {
    return InvalidFieldError(
        absl::StrCat(field, "justification"),
        absl::StrCat(v.justification().size(), " bytes is over the limit of ",
                     kMaxJustificationBytes));
  }
  return CheckedOutcome{*period, *std::move(entity)};
}

absl::Status CheckValidatedInCatalog(const v1::ValidatedOutcome& v,
                                     const std::string& entity,
                                     const v1::Catalog& catalog,
                                     absl::string_view field) {
  if (!CatalogHas(catalog, v.item_type(), v.item())) {
    return WithReason(absl::NotFoundError(absl::StrCat(
                          field, "item: ", ItemTypeName(v.item_type()), " ",
                          QuoteForMessage(v.item()), " is not in the catalog")),
                      v1::ITEM_NOT_FOUND, {{"item", v.item()}});
  }
  if (!entity.empty() && !CatalogHasEntity(catalog, entity)) {
    return WithReason(absl::NotFoundError(absl::StrCat(
                          field, "scope: entity ", QuoteForMessage(entity),
                          " is not in the catalog")),
                      v1::ENTITY_NOT_FOUND, {{"entity", entity}});
  }
  return absl::OkStatus();
}

absl::Status CheckPublishedFigure(const v1::PublishedFigure& f,
                                  absl::string_view prefix) {
  if (absl::Status s = CheckFigureCell(f, prefix); !s.ok()) return s;
  if (!std::isfinite(f.count())) {
    return InvalidFieldError(absl::StrCat(prefix, "count"),
                             absl::StrCat(f.count(), " is not finite"));
  }
  // A share of a table: 0 to 100 percentage points.
  if (f.has_percent() &&
      !(std::isfinite(f.percent()) && f.percent() >= 0 && f.percent() <= 100)) {
    return InvalidFieldError(
        absl::StrCat(prefix, "percent"),
        absl::StrCat(f.percent(), " is not a percentage from 0 to 100"));
  }
  return absl::OkStatus();
}

}  // namespace valore

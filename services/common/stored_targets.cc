#include "services/common/stored_targets.h"

#include <cstdint>
#include <vector>

#include "services/common/legacy_fields.h"

namespace valore {
namespace {

// The numbers of the old fields, and of the old enum's values.
constexpr int kForm = 1;
constexpr int kComponents = 3;
constexpr int kBandWidth = 4;
constexpr int kBandRelative = 5;
constexpr int kEntitiesRequired = 6;
constexpr int kEntitiesTotal = 7;
enum LegacyForm : uint64_t {
  kNone = 1,
  kQualitative = 2,
  kThreshold = 3,
  kBand = 4,
  kEntityCount = 5,
};

uint64_t LastVarint(const std::vector<LegacyField>& fields) {
  for (auto it = fields.rbegin(); it != fields.rend(); ++it) {
    if (it->type == google::protobuf::UnknownField::TYPE_VARINT) {
      return it->varint;
    }
  }
  return 0;
}

}  // namespace

void UpgradeStoredTarget(v1::Target* target) {
  const std::vector<LegacyField> form = TakeLegacyFields(target, kForm);
  const std::vector<LegacyField> components =
      TakeLegacyFields(target, kComponents);
  const std::vector<LegacyField> width = TakeLegacyFields(target, kBandWidth);
  const std::vector<LegacyField> relative =
      TakeLegacyFields(target, kBandRelative);
  const std::vector<LegacyField> required =
      TakeLegacyFields(target, kEntitiesRequired);
  const std::vector<LegacyField> total =
      TakeLegacyFields(target, kEntitiesTotal);
  if (target->form_case() != v1::Target::FORM_NOT_SET) return;
  switch (LastVarint(form)) {
    case kNone:
      target->mutable_none();
      break;
    case kQualitative:
      target->mutable_qualitative();
      break;
    case kThreshold: {
      v1::Target::Threshold* threshold = target->mutable_threshold();
      for (const LegacyField& c : components) {
        if (c.type != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
          continue;
        }
        // Stored by this service, so it parses; one that would not is
        // left out rather than read as a condition of nothing.
        v1::TargetComponent component;
        if (component.ParseFromString(c.bytes)) {
          *threshold->add_components() = std::move(component);
        }
      }
      break;
    }
    case kBand: {
      v1::Target::Band* band = target->mutable_band();
      for (const LegacyField& w : width) {
        if (w.type == google::protobuf::UnknownField::TYPE_FIXED64) {
          band->set_width(w.AsDouble());
        }
      }
      band->set_relative(LastVarint(relative) != 0);
      break;
    }
    case kEntityCount: {
      v1::Target::EntityCount* count = target->mutable_entity_count();
      count->set_required(static_cast<int32_t>(LastVarint(required)));
      count->set_total(static_cast<int32_t>(LastVarint(total)));
      break;
    }
    default:
      // No form, or one this release does not know: not assessable, as
      // it was read then.
      break;
  }
}

void UpgradeStoredCatalog(v1::Catalog* catalog) {
  for (v1::Indicator& indicator : *catalog->mutable_indicators()) {
    for (v1::YearlyTarget& yearly : *indicator.mutable_targets()) {
      if (yearly.has_target()) UpgradeStoredTarget(yearly.mutable_target());
    }
  }
}

}  // namespace valore

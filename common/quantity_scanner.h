// Finds the quantities written in a target or an actual ("≥ 750 iscritti;
// ≥ 650 scrutinati", "95,4% consigli di nido - 44 nuovi progetti"): each
// number with the comparator before it, its unit, its "su 10" scale and the
// words that name it. Shared by the target and value parsers.
#ifndef VALORE_COMMON_QUANTITY_SCANNER_H_
#define VALORE_COMMON_QUANTITY_SCANNER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "valore/v1/common.pb.h"

namespace valore {

struct ScannedQuantity {
  double value = 0;
  v1::Unit unit = v1::UNIT_NUMBER;
  // The comparator written right before the number (symbol or words such as
  // "più di"); UNSPECIFIED when there is none.
  v1::Comparator comparator = v1::COMPARATOR_UNSPECIFIED;
  // Written after "±" or "+/-".
  bool band = false;
  // "8 su 10", "8.4/10": 10. Zero when absent.
  double scale = 0;
  std::string label;
};

struct QuantityScan {
  std::vector<ScannedQuantity> quantities;
  // A comparator that qualifies the whole text ("Almeno 3.700 alunni; 270
  // docenti"): UNSPECIFIED when there is none.
  v1::Comparator default_comparator = v1::COMPARATOR_UNSPECIFIED;
  // Text found in parentheses, joined with "; ". Parentheses are not
  // searched for quantities.
  std::string note;
};

// Scans `text`, which the caller has bounded in length. Never fails: text
// with no number gives no quantities.
QuantityScan ScanQuantities(absl::string_view text);

}  // namespace valore

#endif  // VALORE_COMMON_QUANTITY_SCANNER_H_

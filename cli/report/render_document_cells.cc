// Cells and table heads of the report document's tables.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cli/report/render_document_internal.h"
#include "cli/report/render_internal.h"
#include "common/italian_number.h"

namespace valore::cli::report_internal {

Cell Text(std::string text) {
  Cell c;
  c.text = std::move(text);
  return c;
}

Cell Number(std::string text) {
  Cell c;
  c.text = std::move(text);
  c.numeric = true;
  return c;
}

Cell RowHeader(std::string text) {
  Cell c;
  c.text = std::move(text);
  c.row_header = true;
  return c;
}

std::vector<Cell> Head(const std::vector<std::string>& labels,
                       const std::set<size_t>& numeric) {
  std::vector<Cell> head;
  for (size_t i = 0; i < labels.size(); ++i) {
    Cell c = Text(labels[i]);
    c.numeric = numeric.count(i) > 0;
    head.push_back(std::move(c));
  }
  return head;
}

std::string CountText(double count) { return FormatItalianCompact(count, 2); }

}  // namespace valore::cli::report_internal

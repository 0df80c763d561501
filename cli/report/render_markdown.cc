// The report document as GitHub-flavoured Markdown. Markdown tables have no
// spans, so a spanned cell is printed once and its other places left empty;
// the chart becomes the table of its figures.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/report/render_internal.h"

namespace valore::cli::report_internal {

namespace {

// Keeps user text from turning into markup or breaking a table row.
std::string MdEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '#':
        out += '\\';
        out += c;
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        break;
      case '\n':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string MdCell(const Cell& cell) {
  std::string s = MdEscape(cell.text);
  if (!cell.detail.empty())
    absl::StrAppend(&s, " (", MdEscape(cell.detail), ")");
  if (s.empty()) return s;
  if (cell.highlight) s = absl::StrCat("**", s, "**");
  if (cell.emphasis) s = absl::StrCat("*", s, "*");
  return s;
}

std::string MdRow(const std::vector<std::string>& cells) {
  return absl::StrCat("| ", absl::StrJoin(cells, " | "), " |\n");
}

std::string MdTable(const Table& table) {
  std::vector<std::string> head;
  std::vector<std::string> align;
  for (const Cell& c : table.head) {
    for (int k = 0; k < c.colspan; ++k) {
      head.push_back(k == 0 ? MdCell(c) : "");
      align.push_back(c.numeric ? "---:" : "---");
    }
  }
  const size_t columns = head.size();
  std::string out = MdRow(head);
  out += MdRow(align);
  // Rows still covered by a cell spanning down from an earlier row.
  std::vector<int> covered(columns, 0);
  for (const Row& row : table.body) {
    std::vector<std::string> cells(columns);
    size_t col = 0;
    auto skip_covered = [&] {
      while (col < columns && covered[col] > 0) {
        --covered[col];
        ++col;
      }
    };
    for (const Cell& c : row.cells) {
      skip_covered();
      for (int k = 0; k < c.colspan && col < columns; ++k, ++col) {
        if (k == 0) cells[col] = MdCell(c);
        covered[col] = c.rowspan - 1;
      }
    }
    while (col < columns) {
      skip_covered();
      if (col < columns) ++col;
    }
    out += MdRow(cells);
  }
  return out;
}

}  // namespace

std::string RenderMarkdown(const v1::Report& report) {
  const Document doc = BuildDocument(report);
  std::vector<std::string> parts;
  for (const Block& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading:
        parts.push_back(absl::StrCat(std::string(b.level, '#'), " ",
                                     MdEscape(b.text), "\n"));
        break;
      case Block::Kind::kParagraph:
        parts.push_back(absl::StrCat(MdEscape(b.text), "\n"));
        break;
      case Block::Kind::kWarning:
        parts.push_back(absl::StrCat("> **", MdEscape(b.text), "**\n"));
        break;
      case Block::Kind::kTable:
      case Block::Kind::kChart:
        parts.push_back(MdTable(b.table));
        break;
    }
  }
  return absl::StrJoin(parts, "\n");
}

}  // namespace valore::cli::report_internal

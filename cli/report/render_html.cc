// The report document as one self-contained HTML page: inline CSS and SVG,
// no scripts and no external resources, so that it can be mailed, archived
// and printed on A4 landscape as it is.
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/report/render_internal.h"

namespace valore::cli::report_internal {

namespace {

constexpr char kStyle[] = R"css(
@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 9.5pt;
  color: #1a1a1a; margin: 0 auto; max-width: 297mm; padding: 8mm;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 16pt; margin: 0 0 4pt; color: #1f3864; }
h2 { font-size: 12.5pt; margin: 16pt 0 6pt; color: #1f3864;
  border-bottom: 1px solid #8eaadb; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10pt 0 4pt; break-after: avoid;
  page-break-after: avoid; }
p { margin: 3pt 0; }
p.meta { color: #555; }
p.avviso { background: #fff4ce; border-left: 4px solid #c98800; padding: 4pt 6pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #9fb3d1; padding: 2pt 4pt; vertical-align: top;
  text-align: left; }
thead th { background: #d9e2f3; font-weight: bold; vertical-align: bottom; }
tbody th { font-weight: normal; }
.num { text-align: right; white-space: nowrap; }
tr.percentuali td, tr.percentuali th, tr.sotto td, tr.sotto th { color: #444; }
tr.totale td, tr.totale th { font-weight: bold; background: #eef2f9; }
table.esiti, table.dimensioni { width: auto; }
table.dup, table.performance, table.pubblicate { font-size: 8pt; }
table.esiti td, table.dimensioni td { min-width: 5em; }
.diff { background: #fde2e1; font-weight: bold; }
small { display: block; font-size: 8pt; color: #666; font-weight: normal; }
figure { margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
svg.grafico { width: 100%; max-width: 250mm; height: auto; }
svg.grafico text { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; }
@media print {
  body { padding: 0; max-width: none; }
  h2 { break-before: auto; }
  figure, table.esiti, table.dimensioni { break-inside: avoid; }
}
)css";

std::string HtmlCell(const Cell& cell, bool in_head) {
  const char* tag = in_head || cell.row_header ? "th" : "td";
  std::string attrs;
  if (cell.row_header && !in_head) attrs += " scope=\"row\"";
  if (in_head) attrs += " scope=\"col\"";
  std::string classes;
  if (cell.numeric) classes += "num";
  if (cell.highlight)
    absl::StrAppend(&classes, classes.empty() ? "" : " ", "diff");
  if (!classes.empty()) absl::StrAppend(&attrs, " class=\"", classes, "\"");
  if (cell.colspan > 1)
    absl::StrAppend(&attrs, " colspan=\"", cell.colspan, "\"");
  if (cell.rowspan > 1)
    absl::StrAppend(&attrs, " rowspan=\"", cell.rowspan, "\"");
  std::string content = HtmlEscape(cell.text);
  if (cell.emphasis && !content.empty()) {
    content = absl::StrCat("<em>", content, "</em>");
  }
  if (!cell.detail.empty()) {
    absl::StrAppend(&content, "<small>", HtmlEscape(cell.detail), "</small>");
  }
  return absl::StrCat("<", tag, attrs, ">", content, "</", tag, ">");
}

std::string HtmlTable(const Table& table) {
  std::string out = absl::StrCat("<table class=\"", HtmlEscape(table.css_class),
                                 "\">\n<thead><tr>");
  for (const Cell& c : table.head) out += HtmlCell(c, true);
  out += "</tr></thead>\n<tbody>\n";
  for (const Row& row : table.body) {
    out += row.css_class.empty()
               ? "<tr>"
               : absl::StrCat("<tr class=\"", HtmlEscape(row.css_class), "\">");
    for (const Cell& c : row.cells) out += HtmlCell(c, false);
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  return out;
}

}  // namespace

std::string RenderHtml(const v1::Report& report) {
  const Document doc = BuildDocument(report);
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n<title>",
      HtmlEscape(doc.title), "</title>\n<style>", kStyle,
      "</style>\n</head>\n<body>\n");
  for (const Block& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading:
        absl::StrAppend(&out, "<h", b.level, ">", HtmlEscape(b.text), "</h",
                        b.level, ">\n");
        break;
      case Block::Kind::kParagraph:
        absl::StrAppend(
            &out,
            b.css_class.empty()
                ? "<p>"
                : absl::StrCat("<p class=\"", HtmlEscape(b.css_class), "\">"),
            HtmlEscape(b.text), "</p>\n");
        break;
      case Block::Kind::kWarning:
        absl::StrAppend(&out, "<p class=\"avviso\">", HtmlEscape(b.text),
                        "</p>\n");
        break;
      case Block::Kind::kTable:
        out += HtmlTable(b.table);
        break;
      case Block::Kind::kChart:
        absl::StrAppend(&out, "<figure>\n", RenderSvgChart(report),
                        "</figure>\n");
        break;
    }
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace valore::cli::report_internal

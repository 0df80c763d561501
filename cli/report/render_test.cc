#include "cli/report/render.h"

#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/csv_reader.h"
#include "common/italian_number.h"
#include "common/labels.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/aggregation/evaluation.h"

namespace valore::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const char kSummaryPath[] =
    VALORE_SOURCE_DIR "/data/terre-d-argine-2023/summary_expected.csv";

// The published sociale/Totale is 31 where its parts (17 + 13) give 30.
const char kTypoPrefix[] = "dimensioni,sociale,Totale,";

double ParsePercent(const std::string& text) {
  absl::StatusOr<ParsedNumber> n = ParseItalianNumber(text, "percent");
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? n->value : 0;
}

int ParseCount(const std::string& text) {
  int n = 0;
  EXPECT_TRUE(absl::SimpleAtoi(text, &n)) << text;
  return n;
}

// A report whose summary tables hold the figures of summary_expected.csv,
// with sociale/Totale corrected to the sum of its parts.
v1::Report PublishedSummaryReport() {
  v1::Report report;
  report.set_period("2023S2");
  absl::StatusOr<CsvTable> table = ReadCsvFile(kSummaryPath);
  EXPECT_TRUE(table.ok()) << table.status();
  if (!table.ok()) return report;
  std::map<std::string, v1::OutcomeRow*> outcome_rows;
  std::map<std::string, v1::DimensionRow*> dimension_rows;
  for (const CsvRow& row : table->rows) {
    const std::string& label = table->Get(row, "row");
    const std::string& column = table->Get(row, "column");
    const int count = ParseCount(table->Get(row, "count"));
    const double percent = ParsePercent(table->Get(row, "percent"));
    if (table->Get(row, "table") == "esiti") {
      v1::OutcomeRow*& r = outcome_rows[label];
      if (r == nullptr) {
        r = report.add_outcome_table();
        r->set_label(label);
      }
      if (column == "Totale complessivo") {
        r->set_total(count);
        continue;
      }
      absl::StatusOr<v1::Outcome> outcome = ParseOutcome(column);
      EXPECT_TRUE(outcome.ok()) << outcome.status();
      if (!outcome.ok()) continue;
      v1::OutcomeCount* c = r->add_counts();
      c->set_outcome(*outcome);
      c->set_count(count);
      c->set_percent(percent);
      continue;
    }
    v1::DimensionRow*& r = dimension_rows[label];
    if (r == nullptr) {
      r = report.add_dimension_table();
      r->set_label(label);
      absl::string_view name = label;
      r->set_sub_row(absl::ConsumePrefix(&name, "Di cui: "));
      if (name != "Totale") {
        absl::StatusOr<v1::WellbeingDimension> d = ParseDimension(name);
        EXPECT_TRUE(d.ok()) << d.status();
        if (d.ok()) r->set_dimension(*d);
      }
    }
    if (column == "DUP (linea programmazione)") {
      r->set_lines(count);
      r->set_lines_percent(percent);
    } else if (column == "Performance (obiettivi)") {
      r->set_objectives(count);
      r->set_objectives_percent(percent);
    } else {
      r->set_total(count);
      r->set_total_percent(percent);
    }
  }
  v1::DimensionRow* sociale = dimension_rows["sociale"];
  if (sociale != nullptr)
    sociale->set_total(sociale->lines() + sociale->objectives());
  return report;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(RenderCsvTest, MatchesPublishedSummaryByteForByte) {
  const std::string expected = ReadFile(kSummaryPath);
  ASSERT_FALSE(expected.empty());
  const std::string csv =
      RenderReport(PublishedSummaryReport(), ReportFormat::kCsv);
  const std::vector<std::string> want = absl::StrSplit(expected, "\r\n");
  const std::vector<std::string> got = absl::StrSplit(csv, "\r\n");
  ASSERT_EQ(got.size(), want.size()) << csv;
  int compared = 0;
  int typo = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    if (absl::StartsWith(want[i], kTypoPrefix)) {
      ++typo;
      EXPECT_EQ(got[i], "dimensioni,sociale,Totale,30,\"27,52%\"");
      continue;
    }
    EXPECT_EQ(got[i], want[i]) << "line " << i + 1;
    if (!want[i].empty()) ++compared;
  }
  EXPECT_EQ(typo, 1);
  // The header and the 47 other data lines; both end with CRLF.
  EXPECT_EQ(compared, 48);
  EXPECT_EQ(want.back(), "");
  EXPECT_EQ(got.back(), "");
}

TEST(RenderCsvTest, QuotesFieldsWithCommasAndQuotes) {
  v1::Report report;
  v1::DimensionRow* row = report.add_dimension_table();
  row->set_label("a, \"b\"");
  const std::string csv = RenderReport(report, ReportFormat::kCsv);
  EXPECT_THAT(csv,
              HasSubstr("dimensioni,\"a, \"\"b\"\"\",Totale,0,\"0,00%\"\r\n"));
}

void AddLine(v1::Report& report, const std::string& code,
             v1::WellbeingDimension dimension, v1::Outcome outcome) {
  v1::LineResult* line = report.add_lines();
  line->set_code(code);
  line->set_title(absl::StrCat("Linea ", code));
  line->set_dimension(dimension);
  line->set_computed(outcome);
  line->set_final(outcome);
}

void AddObjective(v1::Report& report, const std::string& code,
                  v1::WellbeingDimension dimension, v1::Outcome outcome) {
  v1::ObjectiveResult* o = report.add_objectives();
  o->set_code(code);
  o->set_title(absl::StrCat("Obiettivo ", code));
  o->set_dimension(dimension);
  o->set_computed(outcome);
  o->set_final(outcome);
}

// Totals by dimension: ambientale 0, assistenziale 2, economica 1,
// educativa 4, sociale 3, istituzionale 7.
v1::Report HandMadeReport() {
  v1::Report report = PublishedSummaryReport();
  using D = v1::WellbeingDimension;
  const D edu = v1::WELLBEING_DIMENSION_EDUCATIONAL;
  const D inst = v1::WELLBEING_DIMENSION_INSTITUTIONAL;
  AddLine(report, "01.01.01", edu, v1::OUTCOME_ACHIEVED);
  AddLine(report, "01.01.02", edu, v1::OUTCOME_ACHIEVED);
  AddLine(report, "01.01.03", edu, v1::OUTCOME_ACHIEVED);
  AddLine(report, "01.02.01", edu, v1::OUTCOME_PARTLY_ACHIEVED);
  AddLine(report, "02.01.01", v1::WELLBEING_DIMENSION_SOCIAL,
          v1::OUTCOME_ACHIEVED);
  AddLine(report, "02.01.02", v1::WELLBEING_DIMENSION_SOCIAL_URBAN,
          v1::OUTCOME_ACHIEVED);
  AddLine(report, "03.01.01", v1::WELLBEING_DIMENSION_SOCIAL_SAFETY,
          v1::OUTCOME_NOT_ACHIEVED);
  AddLine(report, "05.01.01", inst, v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES);
  for (int i = 0; i < 4; ++i) {
    AddObjective(report, absl::StrCat("S4.0000", i), inst,
                 v1::OUTCOME_ACHIEVED);
  }
  AddObjective(report, "S4.00010", inst, v1::OUTCOME_PARTLY_ACHIEVED);
  AddObjective(report, "S4.00011", inst, v1::OUTCOME_PARTLY_ACHIEVED);
  AddObjective(report, "S7.00001", v1::WELLBEING_DIMENSION_ECONOMIC,
               v1::OUTCOME_NOT_ASSESSABLE);
  AddObjective(report, "S6.00001", v1::WELLBEING_DIMENSION_CARE,
               v1::OUTCOME_ACHIEVED);
  AddObjective(report, "S6.00002", v1::WELLBEING_DIMENSION_CARE,
               v1::OUTCOME_ACHIEVED);
  // As the aggregation service counts it.
  aggregation::FillChart(&report);
  return report;
}

struct Segment {
  std::string outcome;
  int count = 0;
  double height = 0;
};

struct Column {
  std::string dimension;
  int total = 0;
  std::vector<Segment> segments;
};

std::vector<Column> ParseChart(const std::string& html) {
  static const std::regex kColumn(
      R"re(<g class="column" data-dimension="([^"]*)" data-total="(\d+)">([\s\S]*?)</g>)re");
  static const std::regex kSegment(
      R"re(<rect class="segment" data-outcome="([^"]*)" data-count="(\d+)" height="([0-9.]+)")re");
  std::vector<Column> columns;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kColumn);
       it != std::sregex_iterator(); ++it) {
    Column column;
    column.dimension = (*it)[1];
    column.total = std::stoi((*it)[2]);
    const std::string body = (*it)[3];
    for (auto s = std::sregex_iterator(body.begin(), body.end(), kSegment);
         s != std::sregex_iterator(); ++s) {
      column.segments.push_back(
          {(*s)[1], std::stoi((*s)[2]), std::stod((*s)[3])});
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

TEST(RenderOverviewCsvTest, OneRowPerEntityWithEveryColumn) {
  v1::StreamEntitySummariesResponse overview;
  overview.set_period("2023S2");
  v1::EntitySummary* carpi = overview.add_summaries();
  carpi->set_entity("carpi");
  carpi->set_display_name("Comune di Carpi");
  v1::OutcomeRow* lines = carpi->add_outcome_table();
  lines->set_total(38);
  for (auto [outcome, count] : std::vector<std::pair<v1::Outcome, int>>{
           {v1::OUTCOME_NOT_ASSESSABLE, 2},
           {v1::OUTCOME_NOT_ACHIEVED, 1},
           {v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES, 5},
           {v1::OUTCOME_PARTLY_ACHIEVED, 15},
           {v1::OUTCOME_ACHIEVED, 15}}) {
    v1::OutcomeCount* c = lines->add_counts();
    c->set_outcome(outcome);
    c->set_count(count);
  }
  carpi->set_indicators_measured(126);
  carpi->set_indicators(127);
  v1::EntitySummary* other = overview.add_summaries();
  other->set_entity("altro");
  other->set_display_name("Comune \"Altro\", test");
  EXPECT_EQ(RenderOverviewCsv(overview),
            "ente,nome,Non valutabile/ Altro,Non raggiunto,Quasi raggiunto "
            "(con criticità),Quasi raggiunto (no criticità),Raggiunto,Totale "
            "linee,Indicatori misurati,Indicatori\r\n"
            "carpi,Comune di Carpi,2,1,5,15,15,38,126,127\r\n"
            "altro,\"Comune \"\"Altro\"\", test\",0,0,0,0,0,0,0,0\r\n");
}

// An entity without an outcome table first, then one whose counts come in
// another order: every cell still under its own column.
TEST(RenderOverviewTest, CellsFollowTheColumnsNotTheEntitysOrder) {
  v1::StreamEntitySummariesResponse overview;
  overview.add_summaries()->set_entity("vuoto");
  v1::EntitySummary* carpi = overview.add_summaries();
  carpi->set_entity("carpi");
  carpi->set_display_name("Comune di Carpi");
  carpi->set_indicators_measured(3);
  carpi->set_indicators(127);
  v1::OutcomeRow* lines = carpi->add_outcome_table();
  lines->set_total(3);
  v1::OutcomeCount* achieved = lines->add_counts();
  achieved->set_outcome(v1::OUTCOME_ACHIEVED);
  achieved->set_count(2);
  achieved->set_percent(200.0 / 3);
  v1::OutcomeCount* missed = lines->add_counts();
  missed->set_outcome(v1::OUTCOME_NOT_ACHIEVED);
  missed->set_count(1);
  missed->set_percent(100.0 / 3);
  const OverviewTable t = MakeOverviewTable(overview, /*for_people=*/true);
  ASSERT_EQ(t.header.size(), 8u);
  EXPECT_EQ(t.header[1], "Non valutabile/ Altro");
  EXPECT_EQ(t.header[2], "Non raggiunto");
  EXPECT_EQ(t.header[5], "Raggiunto");
  EXPECT_EQ(t.header[7], "Indicatori misurati");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{
                           "vuoto", "0 (0,00%)", "0 (0,00%)", "0 (0,00%)",
                           "0 (0,00%)", "0 (0,00%)", "0", "0 su 0"}));
  EXPECT_EQ(t.rows[1],
            (std::vector<std::string>{"Comune di Carpi", "0 (0,00%)",
                                      "1 (33,33%)", "0 (0,00%)", "0 (0,00%)",
                                      "2 (66,67%)", "3", "3 su 127"}));
}

TEST(RenderHtmlTest, SaysWhenTheDataStoodInItalianDateAndRomeTime) {
  v1::Report report = HandMadeReport();
  // 2023-12-31 23:30 UTC: already 1 January in Rome.
  report.mutable_as_of()->set_seconds(1704065400);
  const std::string html = RenderReport(report, ReportFormat::kHtml);
  EXPECT_THAT(html, HasSubstr("Dati al: 01/01/2024 00:30"));
  EXPECT_THAT(html, Not(HasSubstr("2023-12-31T")));
}

TEST(RenderHtmlTest, HasBothSummaryTablesWithItalianHeaders) {
  const std::string html = RenderReport(HandMadeReport(), ReportFormat::kHtml);
  EXPECT_THAT(html, HasSubstr("<html lang=\"it\">"));
  EXPECT_THAT(html, HasSubstr("<title>Valore Pubblico — 2023S2 — Unione delle "
                              "Terre d&#39;Argine e Comuni (complessivo)"
                              "</title>"));
  const size_t esiti = html.find("<table class=\"esiti\">");
  const size_t dimensioni = html.find("<table class=\"dimensioni\">");
  ASSERT_NE(esiti, std::string::npos);
  ASSERT_NE(dimensioni, std::string::npos);
  const std::string esiti_table =
      html.substr(esiti, html.find("</table>", esiti) - esiti);
  for (const char* header :
       {"Non valutabile/ Altro", "Non raggiunto",
        "Quasi raggiunto (con criticità)", "Quasi raggiunto (no criticità)",
        "Raggiunto", "Totale complessivo",
        "Totale complessivo DUP (linea programmazione)",
        "Totale complessivo PERFORMANCE (obiettivi)",
        "Totale complessivo azioni", "esiti %", "53,49%"}) {
    EXPECT_THAT(esiti_table, HasSubstr(header));
  }
  const std::string dimensioni_table =
      html.substr(dimensioni, html.find("</table>", dimensioni) - dimensioni);
  for (const char* header :
       {"DUP (linea programmazione)", "Performance (obiettivi)", "Totale",
        "ambientale", "Di cui: sociale (sicurezza)", "istituzionale",
        "60,61%"}) {
    EXPECT_THAT(dimensioni_table, HasSubstr(header));
  }
  EXPECT_THAT(html, HasSubstr("<thead>"));
  EXPECT_THAT(html, HasSubstr("size: A4 landscape"));
}

TEST(RenderHtmlTest, ChartHasOneProportionalColumnPerDimension) {
  const std::string html = RenderReport(HandMadeReport(), ReportFormat::kHtml);
  const std::vector<Column> columns = ParseChart(html);
  ASSERT_EQ(columns.size(), 6u);
  const std::vector<std::string> dimensions = {"ambientale", "assistenziale",
                                               "economica",  "educativa",
                                               "sociale",    "istituzionale"};
  const std::vector<int> totals = {0, 2, 1, 4, 3, 7};
  double ratio = -1;
  for (size_t i = 0; i < columns.size(); ++i) {
    EXPECT_EQ(columns[i].dimension, dimensions[i]);
    EXPECT_EQ(columns[i].total, totals[i]) << dimensions[i];
    int sum = 0;
    for (const Segment& s : columns[i].segments) {
      ASSERT_GT(s.count, 0);
      sum += s.count;
      const double r = s.height / s.count;
      if (ratio < 0) ratio = r;
      EXPECT_NEAR(r, ratio, 0.01) << dimensions[i] << " " << s.outcome;
    }
    EXPECT_EQ(sum, columns[i].total) << dimensions[i];
  }
  EXPECT_GT(ratio, 0);
  std::map<std::string, int> institutional;
  for (const Segment& s : columns[5].segments)
    institutional[s.outcome] = s.count;
  EXPECT_EQ(institutional, (std::map<std::string, int>{
                               {"Raggiunto", 4},
                               {"Quasi raggiunto (no criticità)", 2},
                               {"Quasi raggiunto (con criticità)", 1}}));
  // Sub-dimensions roll into sociale.
  std::map<std::string, int> social;
  for (const Segment& s : columns[4].segments) social[s.outcome] = s.count;
  EXPECT_EQ(social, (std::map<std::string, int>{{"Raggiunto", 2},
                                                {"Non raggiunto", 1}}));

  const size_t legend = html.find("<g class=\"legend\">");
  ASSERT_NE(legend, std::string::npos);
  const std::string legend_text =
      html.substr(legend, html.find("</g>", legend) - legend);
  for (v1::Outcome o : {v1::OUTCOME_NOT_ASSESSABLE, v1::OUTCOME_NOT_ACHIEVED,
                        v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES,
                        v1::OUTCOME_PARTLY_ACHIEVED, v1::OUTCOME_ACHIEVED}) {
    EXPECT_THAT(legend_text, HasSubstr(">" + OutcomeColumnLabel(o) + "<"));
  }
}

TEST(RenderHtmlTest, IsSelfContained) {
  v1::Report report = HandMadeReport();
  v1::IndicatorResult* ind = report.add_indicators();
  ind->set_code("servizi_notifica_appio");
  ind->set_title("Servizi di notifica su AppIO");
  ind->set_section("Piena accessibilità - Azioni sui fattori abilitanti");
  ind->mutable_value()->set_display("25");
  v1::EntityValue* ev = ind->add_entity_values();
  ev->set_entity("carpi");
  ev->mutable_value()->set_display("5");
  v1::FigureComparison* f = report.add_published();
  f->mutable_published()->set_table(v1::FIGURE_TABLE_ENTITY_FIGURES);
  f->mutable_published()->set_indicator("servizi_notifica_appio");
  f->mutable_published()->set_count(26);
  f->set_computed_count(25);
  f->set_differs(true);
  const std::string html = RenderReport(report, ReportFormat::kHtml);
  const std::string lower = absl::AsciiStrToLower(html);
  EXPECT_THAT(lower, Not(HasSubstr("http")));
  EXPECT_THAT(lower, Not(HasSubstr("<script")));
  EXPECT_THAT(lower, Not(HasSubstr("<link")));
  EXPECT_THAT(lower, Not(HasSubstr("src=")));
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_THAT(html, HasSubstr("Servizi di notifica su AppIO"));
  EXPECT_THAT(html, HasSubstr("class=\"num diff\">26</td>"));
}

TEST(RenderHtmlTest, EscapesText) {
  v1::Report report = HandMadeReport();
  report.mutable_lines(0)->set_title("<b>&\"'");
  v1::Disagreement* d = report.add_disagreements();
  d->set_item_type(v1::ITEM_TYPE_INDICATOR);
  d->set_item("00040");
  d->set_title("<b>&\"'");
  d->set_computed(v1::OUTCOME_NOT_ACHIEVED);
  d->set_validated(v1::OUTCOME_PARTLY_ACHIEVED);
  d->set_justification("<script>x</script>");
  const std::string html = RenderReport(report, ReportFormat::kHtml);
  EXPECT_THAT(html, HasSubstr("&lt;b&gt;&amp;&quot;&#39;"));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
  EXPECT_THAT(html, Not(HasSubstr("&\"'")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;x&lt;/script&gt;"));
}

size_t Width(absl::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xc0) != 0x80;
  return n;
}

// The lines of the table that follows the line `title`, up to a blank line.
std::vector<std::string> TextTableLines(const std::string& text,
                                        const std::string& title) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  std::vector<std::string> table;
  bool in = false;
  for (const std::string& line : lines) {
    if (in && line.empty()) break;
    if (in) table.push_back(line);
    if (line == title) in = true;
  }
  return table;
}

// Where `needle` ends in `line`, in characters.
size_t EndColumn(const std::string& line, const std::string& needle) {
  const size_t at = line.find(needle);
  EXPECT_NE(at, std::string::npos) << needle << " in " << line;
  if (at == std::string::npos) return 0;
  return Width(absl::string_view(line).substr(0, at + needle.size()));
}

// Every row as wide as the rule under the headers (the last column holds
// right-aligned numbers), header lines no wider; the last header line
// reaches the last column.
void ExpectAligned(const std::vector<std::string>& table) {
  size_t rule = 0;
  while (rule < table.size() && !absl::StartsWith(table[rule], "---")) ++rule;
  ASSERT_LT(rule, table.size());
  ASSERT_GT(rule, 0u);
  const size_t width = Width(table[rule]);
  for (size_t i = 0; i < table.size(); ++i) {
    if (i + 1 < rule) {
      EXPECT_LE(Width(table[i]), width) << table[i];
    } else {
      EXPECT_EQ(Width(table[i]), width) << table[i];
    }
  }
}

TEST(RenderTextTest, AlignsBothSummaryTables) {
  const std::string text = RenderReport(HandMadeReport(), ReportFormat::kText);
  EXPECT_THAT(text, HasSubstr("Valore Pubblico — 2023S2 — Unione delle Terre "
                              "d'Argine e Comuni (complessivo)\n"));
  const std::vector<std::string> esiti = TextTableLines(text, "Esiti");
  // Two header lines, the rule, three rows with their percentages.
  ASSERT_EQ(esiti.size(), 9u) << text;
  ExpectAligned(esiti);
  EXPECT_TRUE(absl::StartsWith(
      esiti[3], "Totale complessivo DUP (linea programmazione)"));
  EXPECT_TRUE(absl::StartsWith(esiti[4], "  esiti %"));
  // Raggiunto: 23 above 53,49%.
  EXPECT_EQ(EndColumn(esiti[3], " 23 "), EndColumn(esiti[4], "53,49%") + 1);
  EXPECT_THAT(esiti[1], HasSubstr("(con criticità)"));

  const std::vector<std::string> dims =
      TextTableLines(text, "Dimensioni del benessere");
  ASSERT_EQ(dims.size(), 13u) << text;
  ExpectAligned(dims);
  EXPECT_TRUE(absl::StartsWith(dims[8], "  Di cui: sociale (sicurezza)"));
  EXPECT_TRUE(absl::EndsWith(dims[12], " 109  100,00%")) << dims[12];
  EXPECT_THAT(text, HasSubstr("Esiti validati diversi da quelli calcolati: 0"));
}

TEST(RenderMarkdownTest, HasTheSummaryTables) {
  const std::string md =
      RenderReport(HandMadeReport(), ReportFormat::kMarkdown);
  EXPECT_THAT(md, HasSubstr("# Valore Pubblico — 2023S2"));
  EXPECT_THAT(md, HasSubstr("| Totale complessivo DUP (linea programmazione) | "
                            "0 | 2 | 5 | 13 | 23 | 43 |"));
  EXPECT_THAT(md, HasSubstr("| *Di cui: sociale (sicurezza)* | *5* |"));
  EXPECT_THAT(md, HasSubstr("| istituzionale | 0 | 0 | 1 | 2 | 4 | 7 |"));
}

TEST(RenderJsonTest, KeepsProtoFieldNames) {
  const std::string json = RenderReport(HandMadeReport(), ReportFormat::kJson);
  EXPECT_THAT(json, HasSubstr("\"outcome_table\""));
  EXPECT_THAT(json, HasSubstr("\"lines_percent\""));
}

// A first half with a forecast: one line at risk, one indicator projected
// and one not.
v1::Report ForecastReport() {
  v1::Report report = HandMadeReport();
  report.set_period("2024S1");
  v1::IndicatorForecast* f = report.add_forecasts();
  f->set_code("00002");
  f->set_title("N. pratiche evase");
  f->set_method(v1::FORECAST_METHOD_FLOW_SHARE);
  f->mutable_target()->set_text("≥ 2.250");
  f->mutable_value()->mutable_number()->set_value(800);
  f->mutable_projected_value()->mutable_number()->set_value(1600);
  f->set_projected_outcome(v1::OUTCOME_NOT_ACHIEVED);
  f->set_explanation("primo semestre pari al 50% dell'anno (media di 3 anni)");
  v1::IndicatorForecast* q = report.add_forecasts();
  q->set_code("00003");
  q->set_method(v1::FORECAST_METHOD_NOT_PROJECTED);
  q->set_projected_outcome(v1::OUTCOME_NOT_ASSESSABLE);
  q->set_reason("target qualitativo");
  v1::LineForecast* risk = report.add_line_forecasts();
  risk->set_code("01.01.01");
  risk->set_title("Servizi scolastici");
  risk->set_outcome(v1::OUTCOME_PARTLY_ACHIEVED);
  risk->set_projected_outcome(v1::OUTCOME_NOT_ACHIEVED);
  risk->set_at_risk(true);
  risk->add_indicators_not_achieved("00002");
  v1::LineForecast* fine = report.add_line_forecasts();
  fine->set_code("01.01.02");
  fine->set_projected_outcome(v1::OUTCOME_ACHIEVED);
  return report;
}

TEST(RenderForecastTest, EveryFormatShowsTheForecastAndTheLinesAtRisk) {
  const v1::Report report = ForecastReport();
  const std::string text = RenderReport(report, ReportFormat::kText);
  EXPECT_THAT(text,
              HasSubstr("Previsione a fine anno\n1 linea a rischio su 2"));
  EXPECT_THAT(text, HasSubstr("Linee a rischio\n"));
  EXPECT_THAT(text, HasSubstr("01.01.01"));
  EXPECT_THAT(text, HasSubstr("Non raggiunto"));
  EXPECT_THAT(text, HasSubstr("quota storica del primo semestre"));
  EXPECT_THAT(text, HasSubstr("1.600"));
  EXPECT_THAT(text, HasSubstr("target qualitativo: 1"));
  // A line not at risk is not listed.
  EXPECT_THAT(text, Not(HasSubstr("01.01.02")));

  const std::string html = RenderReport(report, ReportFormat::kHtml);
  EXPECT_THAT(html, HasSubstr("Previsione a fine anno"));
  EXPECT_THAT(html, HasSubstr("Linee a rischio"));
  EXPECT_THAT(html, HasSubstr("target qualitativo"));
  EXPECT_THAT(RenderReport(report, ReportFormat::kMarkdown),
              HasSubstr("Previsione a fine anno"));

  const std::string csv = RenderReport(report, ReportFormat::kCsv);
  EXPECT_THAT(csv, HasSubstr("Previsione a fine anno,00002 N. pratiche evase,"
                             "non raggiunto,1.600,\r\n"));
  EXPECT_THAT(csv, HasSubstr("Linee a rischio,01.01.01 Servizi scolastici,"
                             "Non raggiunto,,\r\n"));
  const std::string json = RenderReport(report, ReportFormat::kJson);
  EXPECT_THAT(json, HasSubstr("\"line_forecasts\""));
  EXPECT_THAT(json, HasSubstr("FORECAST_METHOD_FLOW_SHARE"));
}

TEST(RenderForecastTest, AYearCloseHasNoForecastSection) {
  const v1::Report report = HandMadeReport();
  EXPECT_THAT(RenderReport(report, ReportFormat::kText),
              Not(HasSubstr("Previsione a fine anno")));
  EXPECT_THAT(RenderReport(report, ReportFormat::kHtml),
              Not(HasSubstr("Previsione a fine anno")));
}

TEST(ParseReportFormatTest, AcceptsTheFiveFormats) {
  EXPECT_EQ(*ParseReportFormat("text"), ReportFormat::kText);
  EXPECT_EQ(*ParseReportFormat("csv"), ReportFormat::kCsv);
  EXPECT_EQ(*ParseReportFormat("json"), ReportFormat::kJson);
  EXPECT_EQ(*ParseReportFormat("md"), ReportFormat::kMarkdown);
  EXPECT_EQ(*ParseReportFormat("html"), ReportFormat::kHtml);
}

TEST(ParseReportFormatTest, RejectsOthersNamingFlagAndValue) {
  for (const char* bad : {"xml", "", "HTML", "markdown"}) {
    absl::StatusOr<ReportFormat> f = ParseReportFormat(bad);
    ASSERT_FALSE(f.ok()) << bad;
    EXPECT_EQ(f.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(f.status().message(), HasSubstr("--format"));
    EXPECT_THAT(f.status().message(), HasSubstr(absl::StrCat("\"", bad, "\"")));
  }
}

}  // namespace
}  // namespace valore::cli

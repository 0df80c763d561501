// The Union report of 2023S2 over the shipped data: its two summary tables
// equal the counts recomputed here straight from the CSV detail rows, and the
// figures the document printed differently are listed as differences.
#include <map>
#include <string>

#include "absl/strings/ascii.h"
#include "common/csv_reader.h"
#include "common/figure_labels.h"
#include "common/labels.h"
#include "common/scopes.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

// Outcome column of the appendix for a cell as the CSVs write it.
std::string Column(std::string text) {
  text = absl::AsciiStrToLower(text);
  if (text == "raggiunto") return "Raggiunto";
  if (text == "quasi raggiunto" || text == "quasi raggiunto (no criticità)") {
    return "Quasi raggiunto (no criticità)";
  }
  if (text == "quasi raggiunto (con criticità)")
    return "Quasi raggiunto (con criticità)";
  if (text == "non raggiunto") return "Non raggiunto";
  return "Non valutabile/ Altro";
}

// The row of the dimension table a dimension cell counts in.
std::string DimensionRow(const std::string& d) {
  if (d == "sociale") return "Di cui: sociale (sociale)";
  if (d == "sociale (sicurezza)") return "Di cui: sociale (sicurezza)";
  if (d == "sociale (urbana)") return "Di cui: sociale (urbana)";
  return d;
}

struct Independent {
  std::map<std::string, int> lines_by_outcome, objectives_by_outcome;
  std::map<std::string, int> lines_by_dimension, objectives_by_dimension;
  int lines = 0, objectives = 0;
};

Independent CountFromCsv() {
  Independent c;
  auto lines = ReadCsvFile(ShippedDataDir() + "/dup_lines.csv");
  EXPECT_TRUE(lines.ok());
  for (const CsvRow& row : lines->rows) {
    ++c.lines;
    ++c.lines_by_outcome[Column(lines->Get(row, "andamento_linea"))];
    ++c.lines_by_dimension[DimensionRow(lines->Get(row, "dimensione_linea"))];
  }
  auto objectives =
      ReadCsvFile(ShippedDataDir() + "/performance_objectives.csv");
  EXPECT_TRUE(objectives.ok());
  for (const CsvRow& row : objectives->rows) {
    ++c.objectives;
    ++c.objectives_by_outcome[Column(objectives->Get(row, "esito"))];
    ++c.objectives_by_dimension[DimensionRow(
        objectives->Get(row, "dimensione"))];
  }
  return c;
}

class ShippedReportTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportAll(ReadShippedData(), suite_); }
  v1::Report Report(const std::string& entity = "") {
    v1::GetReportRequest request;
    request.set_period("2023S2");
    request.set_scope(ScopeOf(entity));
    v1::Report report;
    grpc::Status status = suite_.aggregation().Stub()->GetReport(
        Deadline().get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }
  Suite suite_;
};

TEST_F(ShippedReportTest, SummaryTablesEqualTheDetailRows) {
  const Independent expected = CountFromCsv();
  ASSERT_EQ(expected.lines, 38);
  ASSERT_EQ(expected.objectives, 66);
  const v1::Report report = Report();
  ASSERT_EQ(report.outcome_table_size(), 3);

  const v1::OutcomeRow& dup = report.outcome_table(0);
  const v1::OutcomeRow& performance = report.outcome_table(1);
  const v1::OutcomeRow& actions = report.outcome_table(2);
  EXPECT_EQ(dup.total(), 38);
  EXPECT_EQ(performance.total(), 66);
  EXPECT_EQ(actions.total(), 104);  // not the printed 109: see NOTES.md
  for (int i = 0; i < 5; ++i) {
    const std::string column = OutcomeColumnLabel(dup.counts(i).outcome());
    auto count = [](const std::map<std::string, int>& m, const std::string& k) {
      auto it = m.find(k);
      return it == m.end() ? 0 : it->second;
    };
    EXPECT_EQ(dup.counts(i).count(), count(expected.lines_by_outcome, column))
        << column;
    EXPECT_EQ(performance.counts(i).count(),
              count(expected.objectives_by_outcome, column))
        << column;
    EXPECT_EQ(actions.counts(i).count(),
              count(expected.lines_by_outcome, column) +
                  count(expected.objectives_by_outcome, column))
        << column;
    EXPECT_NEAR(dup.counts(i).percent(),
                100.0 * count(expected.lines_by_outcome, column) / 38, 1e-9);
  }

  for (const v1::DimensionRow& row : report.dimension_table()) {
    auto lines = [&](const std::string& k) {
      auto it = expected.lines_by_dimension.find(k);
      return it == expected.lines_by_dimension.end() ? 0 : it->second;
    };
    auto objectives = [&](const std::string& k) {
      auto it = expected.objectives_by_dimension.find(k);
      return it == expected.objectives_by_dimension.end() ? 0 : it->second;
    };
    int want_lines = lines(row.label());
    int want_objectives = objectives(row.label());
    if (row.label() == "sociale") {
      for (const char* sub :
           {"Di cui: sociale (sociale)", "Di cui: sociale (sicurezza)",
            "Di cui: sociale (urbana)"}) {
        want_lines += lines(sub);
        want_objectives += objectives(sub);
      }
    }
    if (row.label() == "Totale") {
      want_lines = expected.lines;
      want_objectives = expected.objectives;
    }
    EXPECT_EQ(row.lines(), want_lines) << row.label();
    EXPECT_EQ(row.objectives(), want_objectives) << row.label();
    EXPECT_EQ(row.total(), want_lines + want_objectives) << row.label();
  }
}

TEST_F(ShippedReportTest, PublishedFiguresAreShownWithTheirDifferences) {
  const v1::Report report = Report();
  ASSERT_EQ(report.published_size(), 48 + 3);  // summary cells + entity totals
  std::map<std::string, const v1::FigureComparison*> by_cell;
  for (const auto& c : report.published()) {
    const FigureCellLabels cell = LabelsOf(c.published());
    by_cell[cell.table + "|" + cell.row + "|" + cell.column] = &c;
  }
  // DUP43: the document counts 43 lines and 23 Raggiunto; the data holds 38
  // and 19.
  const auto* dup_total = by_cell
      ["esiti|Totale complessivo DUP (linea programmazione)|Totale "
       "complessivo"];
  ASSERT_NE(dup_total, nullptr);
  EXPECT_TRUE(dup_total->differs());
  EXPECT_EQ(dup_total->published().count(), 43);
  EXPECT_EQ(dup_total->computed_count(), 38);
  // SOC31: sociale / Totale printed 31, its parts give 30.
  const auto* social = by_cell["dimensioni|sociale|Totale"];
  ASSERT_NE(social, nullptr);
  EXPECT_TRUE(social->differs());
  EXPECT_EQ(social->computed_count(), 30);
  // The performance side matches the document to the digit.
  for (const auto& [key, c] : by_cell) {
    if (key.find("PERFORMANCE") != std::string::npos ||
        key.find("|Performance (obiettivi)") != std::string::npos) {
      EXPECT_FALSE(c->differs()) << key << " computed " << c->computed_count()
                                 << " " << c->computed_percent();
    }
  }
  // The Union totals of the per-entity figures equal the published ones.
  for (const char* figure :
       {"identita_spid_rilasciate_sportelli",
        "servizi_pagamento_con_pagamenti_attivi", "servizi_notifica_appio"}) {
    const auto* c =
        by_cell[std::string("entity_figures|") + figure + "|totale"];
    ASSERT_NE(c, nullptr) << figure;
    EXPECT_FALSE(c->differs()) << figure << " computed " << c->computed_count();
  }
}

TEST_F(ShippedReportTest, FootnotesJustifyTheirDisagreements) {
  const v1::Report report = Report();
  std::map<std::string, const v1::Disagreement*> by_item;
  for (const auto& d : report.disagreements()) by_item[d.item()] = &d;
  // 00040 is 1.614 against 2.250 (72%): computed quasi raggiunto, as the
  // document says; the footnote explains why it is not "non raggiunto".
  const auto it =
      std::find_if(report.indicators().begin(), report.indicators().end(),
                   [](const auto& r) { return r.code() == "00040"; });
  ASSERT_NE(it, report.indicators().end());
  EXPECT_EQ(it->computed(), v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_THAT(it->justification(), ::testing::HasSubstr("Enti terzi"));
  // 00025 is 89 against 90 but validated raggiunto: a listed disagreement.
  ASSERT_TRUE(by_item.count("00025"));
  EXPECT_EQ(by_item["00025"]->computed(), v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(by_item["00025"]->validated(), v1::OUTCOME_ACHIEVED);
  // Every disagreement really differs.
  for (const auto& d : report.disagreements())
    EXPECT_NE(d.computed(), d.validated());
}

TEST_F(ShippedReportTest, AnEntityReportUsesItsOwnValues) {
  const v1::Report carpi = Report("carpi");
  EXPECT_EQ(carpi.entity(), "carpi");
  for (const auto& r : carpi.indicators()) {
    if (r.code() == "identita_spid_rilasciate_sportelli") {
      EXPECT_DOUBLE_EQ(r.value().number().value(), 3922);
    }
    if (r.code() == "00040") {
      EXPECT_FALSE(r.has_value());  // held by the Union
    }
  }
  const v1::Report unione = Report();
  for (const auto& r : unione.indicators()) {
    if (r.code() == "identita_spid_rilasciate_sportelli") {
      EXPECT_DOUBLE_EQ(r.value().number().value(), 641 + 3922 + 236 + 959);
      EXPECT_EQ(r.entity_values_size(), 4);
    }
  }
}

}  // namespace
}  // namespace valore::testing

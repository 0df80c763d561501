#include "services/aggregation/snapshot_diff.h"

#include "gtest/gtest.h"

namespace valore::aggregation {
namespace {

v1::Report OneOfEach(double value, v1::Outcome line, int achieved) {
  v1::Report r;
  v1::IndicatorResult* i = r.add_indicators();
  i->set_code("00002");
  i->mutable_value()->mutable_number()->set_value(value);
  i->set_final(v1::OUTCOME_ACHIEVED);
  v1::LineResult* l = r.add_lines();
  l->set_code("01.01.01");
  l->set_final(line);
  v1::OutcomeRow* row = r.add_outcome_table();
  row->set_label("Totale complessivo DUP (linea programmazione)");
  v1::OutcomeCount* c = row->add_counts();
  c->set_outcome(v1::OUTCOME_ACHIEVED);
  c->set_count(achieved);
  return r;
}

TEST(DiffReportsTest, SameReportsNoChange) {
  v1::DiffSnapshotResponse out;
  DiffReports(OneOfEach(80, v1::OUTCOME_ACHIEVED, 1),
              OneOfEach(80, v1::OUTCOME_ACHIEVED, 1), &out);
  EXPECT_EQ(out.changes_size(), 0);
}

TEST(DiffReportsTest, EachKindOfChangeTypedAndSaid) {
  v1::Report live = OneOfEach(85, v1::OUTCOME_NOT_ACHIEVED, 0);
  v1::DiffSnapshotResponse out;
  DiffReports(OneOfEach(80, v1::OUTCOME_ACHIEVED, 1), live, &out);
  ASSERT_EQ(out.changes_size(), 3);
  EXPECT_EQ(out.changes(0).kind(), v1::SnapshotChange::KIND_VALUE);
  EXPECT_EQ(out.changes(0).what(), "indicatore 00002 · valore");
  EXPECT_EQ(out.changes(0).snapshot(), "80");
  EXPECT_EQ(out.changes(0).live(), "85");
  EXPECT_EQ(out.changes(1).kind(), v1::SnapshotChange::KIND_OUTCOME);
  EXPECT_EQ(out.changes(1).snapshot_outcome(), v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(out.changes(1).live_outcome(), v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_EQ(out.changes(2).kind(),
            v1::SnapshotChange::KIND_OUTCOME_TABLE_COUNT);
  EXPECT_EQ(out.changes(2).snapshot_count(), 1);
  EXPECT_EQ(out.changes(2).live_count(), 0);

  // An item gone from the live report.
  live.clear_indicators();
  v1::DiffSnapshotResponse gone;
  DiffReports(OneOfEach(80, v1::OUTCOME_NOT_ACHIEVED, 0), live, &gone);
  ASSERT_EQ(gone.changes_size(), 1);
  EXPECT_EQ(gone.changes(0).kind(), v1::SnapshotChange::KIND_ITEM_GONE);
  EXPECT_EQ(gone.changes(0).live(), "(assente)");
}

}  // namespace
}  // namespace valore::aggregation

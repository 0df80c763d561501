#include "common/audit_words.h"

#include "gtest/gtest.h"

namespace valore {
namespace {

TEST(WriteAuditWordsTest, EachChangeInTheAppendixWords) {
  v1::AuditEvent value;
  v1::AuditChange::Measurement* m =
      value.mutable_change()->mutable_measurement();
  m->mutable_after()->mutable_number()->set_value(82.5);
  m->mutable_after()->mutable_number()->set_unit(v1::UNIT_PERCENT);
  m->set_note("dato del gestionale");
  WriteAuditWords(&value);
  EXPECT_EQ(value.previous_value(), "");
  EXPECT_EQ(value.new_value(), "82,5%");
  EXPECT_EQ(value.detail(), "dato del gestionale");
  m->mutable_before()->mutable_number()->set_value(80);
  WriteAuditWords(&value);
  EXPECT_EQ(value.previous_value(), "80");

  v1::AuditEvent lock;
  lock.mutable_change()->mutable_period_lock()->set_locked_after(true);
  lock.mutable_change()->mutable_period_lock()->set_reason("chiusura");
  WriteAuditWords(&lock);
  EXPECT_EQ(lock.previous_value(), "aperto");
  EXPECT_EQ(lock.new_value(), "bloccato");
  EXPECT_EQ(lock.detail(), "chiusura");

  v1::AuditEvent catalog;
  v1::AuditChange::CatalogVersion* c =
      catalog.mutable_change()->mutable_catalog_version();
  c->set_version_before(2);
  c->set_version_after(3);
  c->set_entities(5);
  c->set_lines(38);
  c->set_indicators(90);
  c->set_targets(180);
  c->set_executive_objectives(45);
  c->set_effective_from("2025S1");
  WriteAuditWords(&catalog);
  EXPECT_EQ(catalog.previous_value(), "versione 2");
  EXPECT_EQ(catalog.new_value(), "versione 3");
  EXPECT_EQ(catalog.detail(),
            "5 enti, 38 linee, 90 indicatori, 180 target, 45 obiettivi "
            "esecutivi; in vigore dal 2025S1");

  v1::AuditEvent outcome;
  outcome.mutable_change()->mutable_validated_outcome()->set_after(
      v1::OUTCOME_ACHIEVED);
  WriteAuditWords(&outcome);
  EXPECT_EQ(outcome.previous_value(), "");
  EXPECT_EQ(outcome.new_value(), "Raggiunto");

  v1::AuditEvent snapshot;
  v1::AuditChange::Snapshot* s = snapshot.mutable_change()->mutable_snapshot();
  s->set_version_after(1);
  s->set_content_hash("ab");
  s->add_locked("capture-a");
  WriteAuditWords(&snapshot);
  EXPECT_EQ(snapshot.previous_value(), "");
  EXPECT_EQ(snapshot.new_value(), "versione 1");
  EXPECT_EQ(snapshot.detail(), "sha256 ab; bloccato in capture-a");

  v1::AuditEvent figures;
  figures.mutable_change()->mutable_published_figures()->set_figures(12);
  WriteAuditWords(&figures);
  EXPECT_EQ(figures.new_value(), "12 cifre pubblicate");
}

TEST(WriteAuditWordsTest, AnEventStoredWithWordsKeepsThem) {
  v1::AuditEvent old;
  old.set_previous_value("aperto");
  old.set_new_value("bloccato");
  WriteAuditWords(&old);
  EXPECT_EQ(old.previous_value(), "aperto");
  EXPECT_EQ(old.new_value(), "bloccato");
}

}  // namespace
}  // namespace valore

#include "services/web/page_labels.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error_details.h"

namespace valore::web {
namespace {

using ::testing::StartsWith;

TEST(PageLabelsTest, RolesAsThePageNamesThem) {
  v1::Caller caller;
  caller.set_role(v1::Caller::ROLE_EDITOR);
  caller.add_entities("carpi");
  caller.add_entities("soliera");
  EXPECT_EQ(RoleLabel(caller), "redattore (carpi, soliera)");
  EXPECT_TRUE(MayWriteValues(caller));
  EXPECT_FALSE(MayManagePeriods(caller));
  caller.set_role(v1::Caller::ROLE_VIEWER);
  EXPECT_EQ(RoleLabel(caller), "lettore");
  EXPECT_FALSE(MayWriteValues(caller));
  caller.set_role(v1::Caller::ROLE_JOB);
  EXPECT_TRUE(MayManagePeriods(caller));
  EXPECT_FALSE(MayWriteValues(caller));
}

TEST(PageLabelsTest, AKnownReasonIsSaidInItalianTheServicesWordsApart) {
  const absl::Status locked = WithReason(
      absl::FailedPreconditionError("period 2023S2 is locked (chiusura)"),
      v1::PERIOD_LOCKED);
  const Flash flash = ErrorFlash(locked);
  EXPECT_EQ(flash.text, "Operazione non possibile: il periodo è bloccato.");
  EXPECT_EQ(flash.detail, "period 2023S2 is locked (chiusura)");
  EXPECT_TRUE(flash.is_error);
  const absl::Status denied =
      WithReason(absl::PermissionDeniedError("l.bianchi may not write soliera"),
                 v1::ENTITY_NOT_ALLOWED);
  EXPECT_THAT(ErrorFlash(denied).text,
              StartsWith("Operazione non consentita: non si possono scrivere"));
  // Without a reason, the title, and the service's words as the detail.
  const Flash unknown = ErrorFlash(absl::UnavailableError("capture is down"));
  EXPECT_EQ(unknown.text, "Servizio non disponibile.");
  EXPECT_EQ(unknown.detail, "capture is down");
  // An internal error's words stay in the log.
  const Flash internal = ErrorFlash(absl::InternalError("rocksdb: corruption"));
  EXPECT_EQ(internal.text, "Errore.");
  EXPECT_EQ(internal.detail, "");
}

}  // namespace
}  // namespace valore::web

#include "common/pagination.h"

#include <string>

#include "common/error_details.h"
#include "gtest/gtest.h"
#include "valore/v1/capture.pb.h"

namespace valore {
namespace {

v1::ListPeriodLocksResponse Locks(int n) {
  v1::ListPeriodLocksResponse all;
  for (int i = 0; i < n; ++i) {
    all.add_locks()->set_period(std::to_string(2000 + i) + "S1");
  }
  return all;
}

TEST(OnePageTest, CutsTheWholeListToThePageAsked) {
  v1::ListPeriodLocksRequest request;
  request.set_page_size(2);
  absl::StatusOr<v1::ListPeriodLocksResponse> page =
      OnePage(request, absl::StatusOr<v1::ListPeriodLocksResponse>(Locks(5)),
              &v1::ListPeriodLocksResponse::mutable_locks);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->locks_size(), 2);
  EXPECT_EQ(page->locks(0).period(), "2000S1");
  ASSERT_FALSE(page->next_page_token().empty());

  request.set_page_token(page->next_page_token());
  page = OnePage(request, absl::StatusOr<v1::ListPeriodLocksResponse>(Locks(5)),
                 &v1::ListPeriodLocksResponse::mutable_locks);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->locks_size(), 2);
  EXPECT_EQ(page->locks(0).period(), "2002S1");

  request.set_page_token("not-a-token");
  page = OnePage(request, absl::StatusOr<v1::ListPeriodLocksResponse>(Locks(5)),
                 &v1::ListPeriodLocksResponse::mutable_locks);
  EXPECT_EQ(ReasonOf(page.status()), v1::INVALID_PAGE_TOKEN);
}

TEST(ReadAllPagesTest, FollowsTokensToTheEnd) {
  const v1::ListPeriodLocksResponse stored = Locks(2500);
  int calls = 0;
  v1::ListPeriodLocksResponse all;
  const absl::Status status = ReadAllPages(
      v1::ListPeriodLocksRequest(),
      [&](const v1::ListPeriodLocksRequest& r,
          v1::ListPeriodLocksResponse* page) -> absl::Status {
        ++calls;
        absl::StatusOr<v1::ListPeriodLocksResponse> one =
            OnePage(r, absl::StatusOr<v1::ListPeriodLocksResponse>(stored),
                    &v1::ListPeriodLocksResponse::mutable_locks);
        if (!one.ok()) return one.status();
        *page = *std::move(one);
        return absl::OkStatus();
      },
      &v1::ListPeriodLocksResponse::mutable_locks, &all);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(calls, 3);  // pages of kMaxPageSize
  ASSERT_EQ(all.locks_size(), 2500);
  EXPECT_EQ(all.locks(2499).period(), stored.locks(2499).period());
  EXPECT_TRUE(all.next_page_token().empty());
}

}  // namespace
}  // namespace valore

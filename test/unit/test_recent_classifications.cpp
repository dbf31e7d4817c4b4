// The trigger's memo of recent classifications: exact keys, a NULL label apart from an empty one, two keys
// of one slot pair both kept, long keys never kept, forget and clear.
#include <gtest/gtest.h>

#include <string>

#include "core/recent_classifications.hpp"

using namespace ar;

namespace {

ClassificationKey key(std::string_view category, std::string_view action, std::optional<std::string_view> label) {
    return {"activity_exporter", category, action, label};
}

TEST(RecentClassifications, KeepsWhatWasPutUnderItsExactKey) {
    RecentClassifications<int> memo;
    EXPECT_EQ(memo.find(key("Content - OTSession", "Join", "N/A")), nullptr);
    *memo.put(key("Content - OTSession", "Join", "N/A")) = 7;
    ASSERT_NE(memo.find(key("Content - OTSession", "Join", "N/A")), nullptr);
    EXPECT_EQ(*memo.find(key("Content - OTSession", "Join", "N/A")), 7);
    // Any other bytes are another key, even where the classifier would not care (case, spaces).
    EXPECT_EQ(memo.find(key("content - OTSession", "Join", "N/A")), nullptr);
    EXPECT_EQ(memo.find(key("Content - OTSession", "Join ", "N/A")), nullptr);
    EXPECT_EQ(memo.find({"acme_lms", "Content - OTSession", "Join", "N/A"}), nullptr);
    // The parts' boundaries count: "ab" + "c" is not "a" + "bc".
    *memo.put(key("ab", "c", "x")) = 1;
    EXPECT_EQ(memo.find(key("a", "bc", "x")), nullptr);
}

TEST(RecentClassifications, NullLabelIsNotEmptyLabel) {
    RecentClassifications<int> memo;
    *memo.put(key("Login", "Login", std::nullopt)) = 1;
    EXPECT_EQ(memo.find(key("Login", "Login", "")), nullptr);
    *memo.put(key("Login", "Login", "")) = 2;
    EXPECT_EQ(*memo.find(key("Login", "Login", std::nullopt)), 1);
    EXPECT_EQ(*memo.find(key("Login", "Login", "")), 2);
}

TEST(RecentClassifications, ASlotPairKeepsTwoKeysAndForgetsTheOlderOfAThird) {
    RecentClassifications<int, 2> memo; // one pair: every key lands in it
    *memo.put(key("A", "a", "1")) = 1;
    *memo.put(key("B", "b", "2")) = 2;
    for (int round = 0; round < 3; ++round) { // alternate rows: both stay
        ASSERT_NE(memo.find(key("A", "a", "1")), nullptr);
        ASSERT_NE(memo.find(key("B", "b", "2")), nullptr);
    }
    *memo.put(key("C", "c", "3")) = 3;
    EXPECT_EQ(*memo.find(key("C", "c", "3")), 3);
    const int kept = (memo.find(key("A", "a", "1")) != nullptr) + (memo.find(key("B", "b", "2")) != nullptr);
    EXPECT_EQ(kept, 1);
}

TEST(RecentClassifications, LongKeysAreNotKept) {
    RecentClassifications<int> memo;
    const std::string label(RecentClassifications<int>::max_key_bytes, 'x'); // with the other parts: too long
    EXPECT_EQ(memo.put(key("Chat", "Chat", label)), nullptr);
    EXPECT_EQ(memo.find(key("Chat", "Chat", label)), nullptr);
    const std::string fits(RecentClassifications<int>::max_key_bytes - 17 - 8, 'x'); // exactly max_key_bytes
    ASSERT_NE(memo.put(key("Chat", "Chat", fits)), nullptr);
    EXPECT_NE(memo.find(key("Chat", "Chat", fits)), nullptr);
}

TEST(RecentClassifications, ForgetAndClear) {
    RecentClassifications<int> memo;
    *memo.put(key("A", "a", "1")) = 1;
    *memo.put(key("B", "b", "2")) = 2;
    memo.forget(key("A", "a", "1"));
    EXPECT_EQ(memo.find(key("A", "a", "1")), nullptr);
    EXPECT_NE(memo.find(key("B", "b", "2")), nullptr);
    memo.clear();
    EXPECT_EQ(memo.find(key("B", "b", "2")), nullptr);
}

} // namespace

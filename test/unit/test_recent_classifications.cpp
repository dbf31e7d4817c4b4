// The trigger's memo of recent classifications: kept from a key's second sighting, exact keys, a NULL label
// apart from an empty one, two keys of one slot pair both kept, long keys never kept, forget and clear.
#include <gtest/gtest.h>

#include <string>

#include "core/recent_classifications.hpp"

using namespace ar;

namespace {

ClassificationKey key(std::string_view category, std::string_view action, std::optional<std::string_view> label) {
    return {"activity_exporter", category, action, label};
}

// Puts a key as the trigger does on each miss, until the memo keeps it (its second sighting).
template <class Memo>
void keep(Memo& memo, const ClassificationKey& k, int value) {
    int* slot = memo.put(k);
    if (!slot) slot = memo.put(k);
    ASSERT_NE(slot, nullptr);
    *slot = value;
}

TEST(RecentClassifications, AKeyIsKeptFromItsSecondSighting) {
    RecentClassifications<int> memo;
    EXPECT_EQ(memo.put(key("Content - OTSession", "Chat", "Hello")), nullptr);
    EXPECT_EQ(memo.find(key("Content - OTSession", "Chat", "Hello")), nullptr);
    int* slot = memo.put(key("Content - OTSession", "Chat", "Hello"));
    ASSERT_NE(slot, nullptr);
    *slot = 3;
    EXPECT_EQ(*memo.find(key("Content - OTSession", "Chat", "Hello")), 3);
    // Keys seen once each, one after the other, take no slot from a kept one.
    for (int i = 0; i < 10000; ++i) memo.put(key("Content - OTSession", "Chat", "one-off " + std::to_string(i)));
    EXPECT_EQ(*memo.find(key("Content - OTSession", "Chat", "Hello")), 3);
}

TEST(RecentClassifications, KeepsWhatWasPutUnderItsExactKey) {
    RecentClassifications<int> memo;
    EXPECT_EQ(memo.find(key("Content - OTSession", "Join", "N/A")), nullptr);
    keep(memo, key("Content - OTSession", "Join", "N/A"), 7);
    ASSERT_NE(memo.find(key("Content - OTSession", "Join", "N/A")), nullptr);
    EXPECT_EQ(*memo.find(key("Content - OTSession", "Join", "N/A")), 7);
    // Any other bytes are another key, even where the classifier would not care (case, spaces).
    EXPECT_EQ(memo.find(key("content - OTSession", "Join", "N/A")), nullptr);
    EXPECT_EQ(memo.find(key("Content - OTSession", "Join ", "N/A")), nullptr);
    EXPECT_EQ(memo.find({"acme_lms", "Content - OTSession", "Join", "N/A"}), nullptr);
    // The parts' boundaries count: "ab" + "c" is not "a" + "bc".
    keep(memo, key("ab", "c", "x"), 1);
    EXPECT_EQ(memo.find(key("a", "bc", "x")), nullptr);
}

TEST(RecentClassifications, NullLabelIsNotEmptyLabel) {
    RecentClassifications<int> memo;
    keep(memo, key("Login", "Login", std::nullopt), 1);
    EXPECT_EQ(memo.find(key("Login", "Login", "")), nullptr);
    keep(memo, key("Login", "Login", ""), 2);
    EXPECT_EQ(*memo.find(key("Login", "Login", std::nullopt)), 1);
    EXPECT_EQ(*memo.find(key("Login", "Login", "")), 2);
}

TEST(RecentClassifications, ASlotPairKeepsTwoKeysAndForgetsTheOlderOfAThird) {
    RecentClassifications<int, 2> memo; // one pair: every key lands in it
    keep(memo, key("A", "a", "1"), 1);
    keep(memo, key("B", "b", "2"), 2);
    for (int round = 0; round < 3; ++round) { // alternate rows: both stay
        ASSERT_NE(memo.find(key("A", "a", "1")), nullptr);
        ASSERT_NE(memo.find(key("B", "b", "2")), nullptr);
    }
    keep(memo, key("C", "c", "3"), 3);
    EXPECT_EQ(*memo.find(key("C", "c", "3")), 3);
    EXPECT_EQ(memo.find(key("A", "a", "1")), nullptr); // the older of the two
    EXPECT_EQ(*memo.find(key("B", "b", "2")), 2);
    keep(memo, key("D", "d", "4"), 4);
    EXPECT_EQ(memo.find(key("B", "b", "2")), nullptr); // then B, now the older
    EXPECT_EQ(*memo.find(key("C", "c", "3")), 3);
    EXPECT_EQ(*memo.find(key("D", "d", "4")), 4);
}

TEST(RecentClassifications, TwoKeysOfAPairSeenInTurnAreBothKept) {
    RecentClassifications<int, 2> memo; // one pair
    int misses = 0;
    for (int round = 0; round < 5; ++round)
        for (const ClassificationKey& k : {key("A", "a", "1"), key("B", "b", "2")})
            if (!memo.find(k)) { // as the trigger does on a miss
                ++misses;
                if (int* slot = memo.put(k)) *slot = 1;
            }
    EXPECT_EQ(misses, 4); // each key's first two sightings
}

TEST(RecentClassifications, LongKeysAreNotKept) {
    RecentClassifications<int> memo;
    const std::string label(RecentClassifications<int>::max_key_bytes, 'x'); // with the other parts: too long
    EXPECT_EQ(memo.put(key("Chat", "Chat", label)), nullptr);
    EXPECT_EQ(memo.find(key("Chat", "Chat", label)), nullptr);
    const std::string fits(RecentClassifications<int>::max_key_bytes - 17 - 8, 'x'); // exactly max_key_bytes
    keep(memo, key("Chat", "Chat", fits), 1);
    EXPECT_NE(memo.find(key("Chat", "Chat", fits)), nullptr);
}

TEST(RecentClassifications, ForgetAndClear) {
    RecentClassifications<int> memo;
    keep(memo, key("A", "a", "1"), 1);
    keep(memo, key("B", "b", "2"), 2);
    memo.forget(key("A", "a", "1"));
    EXPECT_EQ(memo.find(key("A", "a", "1")), nullptr);
    EXPECT_NE(memo.find(key("B", "b", "2")), nullptr);
    memo.clear();
    EXPECT_EQ(memo.find(key("B", "b", "2")), nullptr);
}

} // namespace

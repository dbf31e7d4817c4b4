// Metric roles (design §2): how reports and aggregates count a kind. A kind may have several.
#pragma once
#include "cpp_only.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace ar {

enum class Role : std::uint8_t {
    view, join, leave, watch_progress, play, reaction, chat_message, poll_response, qa_thread, raise_hand,
    attachment_download, comment, publication, like, unlike, enrollment, completion, certificate, access_revoked,
    count_
};

using RoleSet = std::uint32_t;
static_assert(static_cast<int>(Role::count_) <= 32);

constexpr RoleSet bit(Role r) { return RoleSet{1} << static_cast<unsigned>(r); }
constexpr bool has(RoleSet s, Role r) { return (s & bit(r)) != 0; }

std::optional<Role> role_from_name(std::string_view name);
std::string_view role_name(Role r);

} // namespace ar

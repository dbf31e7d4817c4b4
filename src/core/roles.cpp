#include "roles.hpp"

#include <array>

namespace ar {

namespace {
constexpr std::array<std::string_view, static_cast<std::size_t>(Role::count_)> names = {
    "view", "join", "leave", "watch_progress", "play", "reaction", "chat_message", "poll_response", "qa_thread",
    "raise_hand", "attachment_download", "comment", "publication", "like", "unlike", "enrollment", "completion",
    "certificate", "access_revoked"};
}

std::optional<Role> role_from_name(std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<Role>(i);
    return std::nullopt;
}

std::string_view role_name(Role r) { return names[static_cast<std::size_t>(r)]; }

} // namespace ar

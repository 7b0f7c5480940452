// gazetteer render ARTICLE|LAYER... -o map.png|map.svg : draws a map by running the
// gazetteer-render program installed beside this tool. The tool itself never links Qt (the
// engine is also loaded into QGIS's Qt5 process), so the Qt6 renderer is a separate program and
// this subcommand replaces the process with it, arguments passed through unchanged; its exit
// code and messages are the command's.

#include "commands.hpp"

#include <gazetteer/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

namespace gazetteer::cli {

namespace {

constexpr const char* kRendererName = "gazetteer-render";

// The folder of the running tool: /proc/self/exe is right even when the tool was found through
// PATH or a symbolic link; argv[0] is the fallback elsewhere.
std::filesystem::path tool_folder(const Common& common) {
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) exe = std::filesystem::absolute(common.exe_path, ec);
    return exe.parent_path();
}

bool has_option(const std::vector<std::string>& args, const std::string& name) {
    return std::any_of(args.begin(), args.end(),
                       [&](const std::string& a) { return a == name || a.rfind(name + "=", 0) == 0; });
}

[[noreturn]] void run_render(const std::vector<std::string>& passed, const Common& common) {
    const std::filesystem::path renderer = tool_folder(common) / kRendererName;
    if (access(renderer.c_str(), X_OK) != 0) {
        throw IoError("'gazetteer render' needs the " + std::string(kRendererName) + " program beside this tool, and " +
                      renderer.string() + " " + (errno == ENOENT ? "does not exist" : "cannot be run") +
                      ": build with the Qt6 map (cmake -DGAZETTEER_BUILD_MAP=ON, packages qt6-base-dev and "
                      "qt6-svg-dev) or install it next to gazetteer");
    }
    std::vector<std::string> args{renderer.string()};
    // Global options given before the subcommand still apply to the map.
    if (!common.index_path.empty() && !has_option(passed, "--index")) {
        args.push_back("--index");
        args.push_back(common.index_path);
    }
    if (common.quiet && !has_option(passed, "-q") && !has_option(passed, "--quiet")) args.push_back("--quiet");
    args.insert(args.end(), passed.begin(), passed.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    execv(renderer.c_str(), argv.data());
    throw IoError("cannot run " + renderer.string() + ": " + std::strerror(errno));
}

void add_render_command(CLI::App& app, Common& common) {
    auto* cmd = app.add_subcommand(
        "render", "Draw articles and layers to a PNG or SVG map (runs gazetteer-render; see gazetteer render --help)");
    // Everything after `render`, --help included, belongs to gazetteer-render.
    cmd->fallthrough(false);
    cmd->prefix_command();
    cmd->allow_extras();
    cmd->set_help_flag();
    cmd->footer("Usage: gazetteer render ARTICLE|LAYER... -o map.png|map.svg [--size WxH] [--extent auto|lon1,lat1,lon2,lat2] "
                "[--title T] [--projection mercator|equal-earth|laea|local]");
    cmd->callback([cmd, &common] { run_render(cmd->remaining(), common); });
}

}  // namespace

static const Registrar reg{"render", 80, &add_render_command};

}  // namespace gazetteer::cli

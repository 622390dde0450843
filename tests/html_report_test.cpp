// The HTML report end to end. Every scenario and the demo render a well-formed page (python3's
// html.parser balances every tag; every link lands on an anchor) that is byte-identical across
// runs. Then Debian's Chromium, headless, with every host name unresolvable and background
// networking off, loads the demo's page and those of blocked scenarios: its DOM (--dump-dom)
// holds every finding, the failing hop marked, every remedy command and the script's copy
// buttons; its network log shows no request made by the page (a page that fetches is seen, as a
// negative case); and screenshots have the window's size and are not blank (decoded with zlib).
// Without Chromium those tests say SKIPPED with the reason (`make test` installs it).

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "testing/shell.h"

namespace fd {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::DiagnoseScenarioCommand;
using testing::Quote;
using testing::Shell;

/// Blocked scenarios whose pages the browser opens: a NAT gateway in a private subnet, an
/// isolated subnet, a missing endpoint, endpoint security group and NACL failures.
const std::vector<std::string> kBrowserScenarios = {
    "net005-nat-in-private-subnet", "net002-isolated-no-endpoints",
    "vpce001-ecr-api-endpoint-missing", "fw003-endpoint-sg-not-admitting-task",
    "fw008-nat-subnet-nacl-blocks"};

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path WorkDir(const std::string& what) {
  const fs::path dir =
      fs::temp_directory_path() / ("fd-html-" + what + "-" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir;
}

/// Writes the report of `name` ("demo" or a scenario) in `format` to `file`.
void Render(const std::string& name, const std::string& format, const fs::path& file) {
  const std::string tail =
      "--format " + format + " --output " + Quote(file.string()) + " 2>/dev/null";
  if (name == "demo") {
    Shell(Quote(FD_BINARY) + " demo " + tail);
  } else {
    Shell(DiagnoseScenarioCommand(fs::path(FD_SOURCE_DIR) / "tests/scenarios" / name / "snapshot",
                                  tail));
  }
}

/// What the DOM serialiser writes for a text node: & < > escaped, quotes as they are.
std::string DomText(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

std::string Chromium() {
  std::string path;
  if (Shell("command -v chromium || command -v chromium-browser", &path) != 0 || path.empty())
    return "";
  return path.substr(0, path.find('\n'));
}

/// Chromium, headless, on a page: no sandbox (tests may run as root), no GPU, every host name
/// unresolvable, no background or component traffic, a profile of its own, a network log.
std::string ChromiumCommand(const std::string& chromium, const fs::path& work,
                            const std::string& args) {
  return "timeout 180 " + Quote(chromium) +
         " --headless --no-sandbox --disable-gpu --host-resolver-rules='MAP * ~NOTFOUND'"
         " --disable-background-networking --disable-component-update --disable-sync"
         " --disable-default-apps --no-first-run --no-default-browser-check --disable-extensions"
         " --user-data-dir=" +
         Quote((work / "profile").string()) +
         " --log-net-log=" + Quote((work / "netlog.json").string()) + " " + args + " 2>" +
         Quote((work / "chromium.err").string());
}

/// The URLs other than file:// that a page asked for, from Chromium's network log: requests
/// whose initiator is an origin (a file:// page's is "null"). Chromium's own traffic (component
/// updates, account checks, answered by the resolver rule with "not found") has none.
std::vector<std::string> PageRequests(const fs::path& netlog_file) {
  const json log = json::parse(Read(netlog_file), nullptr, false);
  if (log.is_discarded() || !log.contains("events")) {
    ADD_FAILURE() << "no readable network log at " << netlog_file;
    return {"(no network log)"};
  }
  const int start_job = log["constants"]["logEventTypes"].value("URL_REQUEST_START_JOB", -1);
  std::vector<std::string> out;
  for (const json& e : log["events"]) {
    if (e.value("type", -2) != start_job || !e.contains("params")) continue;
    const json& p = e["params"];
    const std::string url = p.value("url", ""), initiator = p.value("initiator", "");
    if (!url.empty() && initiator != "not an origin" && url.rfind("file://", 0) != 0)
      out.push_back(url);
  }
  return out;
}

TEST(HtmlReport, EveryScenarioRendersWellFormedAndByteIdentical) {
  const fs::path dir = WorkDir("all");
  std::vector<std::string> files;
  std::vector<std::string> names = {"demo"};
  for (const fs::path& snap : testing::ScenarioSnapshots())
    names.push_back(snap.parent_path().filename().string());
  for (const std::string& name : names) {
    const fs::path a = dir / (name + ".html"), b = dir / (name + ".again.html");
    Render(name, "html", a);
    Render(name, "html", b);
    const std::string html = Read(a);
    ASSERT_FALSE(html.empty()) << name << ": no HTML written";
    EXPECT_EQ(html, Read(b)) << name << ": two runs differ";
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u) << name;
    // Every link lands: each href="#x" has its id="x".
    for (size_t at = html.find("href=\"#"); at != std::string::npos;
         at = html.find("href=\"#", at + 1)) {
      const size_t end = html.find('"', at + 7);
      const std::string id = html.substr(at + 7, end - at - 7);
      EXPECT_NE(html.find("id=\"" + id + "\""), std::string::npos)
          << name << ": no anchor for #" << id;
    }
    files.push_back(a.string());
  }
  ASSERT_GE(files.size(), 5u);
  const fs::path script = dir / "balanced.py";
  std::ofstream(script) << R"PY(import sys
from html.parser import HTMLParser
VOID = {"meta", "input", "br", "img", "link", "hr", "wbr", "source", "col", "path", "rect"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True); self.stack = []; self.errors = []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID: self.stack.append((tag, self.getpos()))
    def handle_startendtag(self, tag, attrs): pass
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append("line %d: </%s> closes %s" % (self.getpos()[0], tag, self.stack[-1] if self.stack else "nothing")); return
        self.stack.pop()
bad = 0
for f in sys.argv[1:]:
    p = P(); p.feed(open(f, encoding="utf-8").read()); p.close()
    errs = p.errors + (["unclosed: %s" % (p.stack[:3],)] if p.stack else [])
    for e in errs[:3]: print(f, e)
    bad += bool(errs)
sys.exit(1 if bad else 0)
)PY";
  std::string command = "python3 " + Quote(script.string());
  for (const auto& f : files) command += " " + Quote(f);
  std::string out;
  EXPECT_EQ(Shell(command + " 2>&1", &out), 0) << out;
  fs::remove_all(dir);
}

TEST(HtmlBrowser, DomHoldsEveryFindingFailingHopAndRemedyCommandWithNoFetch) {
  const std::string chromium = Chromium();
  if (chromium.empty())
    GTEST_SKIP()
        << "HTML NOT CHECKED IN A BROWSER: chromium is not installed (Debian: apt-get install "
           "chromium; `make test` installs it)";
  std::vector<std::string> names = {"demo"};
  names.insert(names.end(), kBrowserScenarios.begin(), kBrowserScenarios.end());
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const fs::path work = WorkDir("dom-" + name);
    const fs::path page = work / "report.html", report = work / "report.json";
    Render(name, "html", page);
    Render(name, "json", report);
    const json r = json::parse(Read(report), nullptr, false);
    ASSERT_FALSE(r.is_discarded());
    std::string dom;
    const int rc = Shell(
        ChromiumCommand(chromium, work, "--dump-dom " + Quote("file://" + page.string())), &dom);
    ASSERT_EQ(rc, 0) << Read(work / "chromium.err");
    ASSERT_NE(dom.find("</main>"), std::string::npos) << dom.substr(0, 2000);

    for (const json& f : r["findings"]) {
      EXPECT_NE(dom.find("<code>" + f["code"].get<std::string>() + "</code>"), std::string::npos)
          << f["code"];
      EXPECT_NE(dom.find(DomText(f["message"].get<std::string>())), std::string::npos)
          << f["message"];
    }
    bool blocked_path = false;
    for (const json& t : r["targets"])
      for (const json& d : t["dependencies"])
        blocked_path = blocked_path || d["reachable"] == false;
    if (blocked_path) {
      EXPECT_NE(dom.find("<g class=\"hop bad fail"), std::string::npos);
      EXPECT_NE(dom.find("✗ breaks here"), std::string::npos);
    }
    size_t commands = 0;
    for (const json& t : r["targets"])
      for (const json& rem : t.value("remedies", json::array()))
        for (const json& c : rem.value("changes", json::array()))
          for (const json& cmd : c.value("commands", json::array())) {
            ++commands;
            EXPECT_NE(dom.find(DomText(cmd.get<std::string>())), std::string::npos) << cmd;
          }
    if (name == "demo") {
      EXPECT_GT(commands, 0u);
      // The demo's break: the NAT gateway's own subnet routes back to it, drawn red in the map.
      EXPECT_NE(dom.find("<svg class=\"vpc\""), std::string::npos);
      bool nat_box_red = false;
      for (size_t box = dom.find("<g class=\"sn"); box != std::string::npos;
           box = dom.find("<g class=\"sn", box + 1)) {
        const std::string group = dom.substr(box, dom.find("</g>", box) - box);
        nat_box_red = nat_box_red || (group.find(" bad\">") != std::string::npos &&
                                      group.find("✗ ▣ nat-") != std::string::npos);
      }
      EXPECT_TRUE(nat_box_red) << "no subnet box with its NAT gateway drawn broken";
    }
    // The script ran: it adds a copy button to every command block.
    EXPECT_NE(dom.find("<button type=\"button\" class=\"copy\">copy</button>"), std::string::npos);

    // Nothing but the page itself was requested.
    const auto requests = PageRequests(work / "netlog.json");
    EXPECT_TRUE(requests.empty()) << "the page requested " << requests.front();
    fs::remove_all(work);
  }
}

TEST(HtmlBrowser, TheNetworkLogCheckSeesAPageThatFetches) {
  const std::string chromium = Chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed";
  // Without this, a check that never sees a request would pass any page.
  const fs::path work = WorkDir("fetching");
  const fs::path page = work / "fetching.html";
  std::ofstream(page)
      << "<!DOCTYPE html><html><body><img src=\"http://example.com/x.png\"></body></html>\n";
  ASSERT_EQ(
      Shell(ChromiumCommand(chromium, work, "--dump-dom " + Quote("file://" + page.string())) +
            " >/dev/null"),
      0);
  const auto requests = PageRequests(work / "netlog.json");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests.front(), "http://example.com/x.png");
  fs::remove_all(work);
}

struct PngFacts {
  long width = 0, height = 0, colours = 0;
  double not_background = 0;
};

uint32_t BigEndian(const std::string& d, size_t at) {
  return (uint32_t(uint8_t(d[at])) << 24) | (uint32_t(uint8_t(d[at + 1])) << 16) |
         (uint32_t(uint8_t(d[at + 2])) << 8) | uint32_t(uint8_t(d[at + 3]));
}

/// Decodes a PNG (8-bit RGB or RGBA, as Chromium writes them) with zlib, undoes the row
/// filters, and counts the distinct colours and the share of pixels that are not the most
/// common one. Failures are test failures.
PngFacts InspectPng(const fs::path& png) {
  PngFacts p;
  const std::string d = Read(png);
  if (d.size() < 33 || d.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) {
    ADD_FAILURE() << png << " is not a PNG";
    return p;
  }
  std::string idat;
  int bpp = 0;
  for (size_t pos = 8; pos + 12 <= d.size();) {
    const uint32_t n = BigEndian(d, pos);
    const std::string kind = d.substr(pos + 4, 4);
    if (kind == "IHDR") {
      p.width = BigEndian(d, pos + 8);
      p.height = BigEndian(d, pos + 12);
      const int depth = uint8_t(d[pos + 16]), type = uint8_t(d[pos + 17]);
      bpp = depth == 8 && type == 2 ? 3 : depth == 8 && type == 6 ? 4 : 0;
    } else if (kind == "IDAT") {
      idat += d.substr(pos + 8, n);
    }
    pos += 12 + n;
  }
  if (bpp == 0) {
    ADD_FAILURE() << png << ": not 8-bit RGB or RGBA";
    return p;
  }
  const size_t stride = size_t(p.width) * size_t(bpp);
  std::vector<uint8_t> raw((stride + 1) * size_t(p.height));
  uLongf size = raw.size();
  if (uncompress(raw.data(), &size, reinterpret_cast<const Bytef*>(idat.data()), idat.size()) !=
          Z_OK ||
      size != raw.size()) {
    ADD_FAILURE() << png << ": image data does not decompress to its size";
    return p;
  }
  std::vector<uint8_t> prev(stride, 0), line(stride);
  std::map<uint32_t, size_t> counts;
  for (long y = 0; y < p.height; ++y) {
    const uint8_t* row = &raw[size_t(y) * (stride + 1)];
    for (size_t x = 0; x < stride; ++x) {
      const int a = x >= size_t(bpp) ? line[x - bpp] : 0, b = prev[x],
                c = x >= size_t(bpp) ? prev[x - bpp] : 0;
      int v = row[1 + x];
      switch (row[0]) {
        case 1:
          v += a;
          break;
        case 2:
          v += b;
          break;
        case 3:
          v += (a + b) / 2;
          break;
        case 4: {
          const int q = a + b - c, pa = std::abs(q - a), pb = std::abs(q - b), pc = std::abs(q - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          break;
      }
      line[x] = uint8_t(v);
    }
    for (size_t x = 0; x < stride; x += size_t(bpp))
      ++counts[(uint32_t(line[x]) << 16) | (uint32_t(line[x + 1]) << 8) | line[x + 2]];
    prev.swap(line);
  }
  size_t most = 0, total = 0;
  for (const auto& [colour, n] : counts) {
    most = std::max(most, n);
    total += n;
  }
  p.colours = long(counts.size());
  p.not_background = total ? 1.0 - double(most) / double(total) : 0;
  return p;
}

TEST(HtmlBrowser, ScreenshotsHaveTheWindowSizeAndAreNotBlank) {
  const std::string chromium = Chromium();
  if (chromium.empty())
    GTEST_SKIP()
        << "HTML SCREENSHOTS NOT TAKEN: chromium is not installed (Debian: apt-get install "
           "chromium; `make test` installs it)";
  struct Shot {
    std::string name;
    int width, height;
  };
  for (const Shot& s :
       {Shot{"demo", 1280, 2200}, Shot{"fw008-nat-subnet-nacl-blocks", 1024, 768}}) {
    SCOPED_TRACE(s.name);
    const fs::path work = WorkDir("shot-" + s.name);
    const fs::path page = work / "report.html", png = work / "shot.png";
    Render(s.name, "html", page);
    const int rc = Shell(ChromiumCommand(chromium, work,
                                         "--hide-scrollbars --screenshot=" + Quote(png.string()) +
                                             " --window-size=" + std::to_string(s.width) + "," +
                                             std::to_string(s.height) + " " +
                                             Quote("file://" + page.string())));
    ASSERT_EQ(rc, 0) << Read(work / "chromium.err");
    ASSERT_TRUE(fs::exists(png)) << Read(work / "chromium.err");
    const PngFacts p = InspectPng(png);
    EXPECT_EQ(p.width, s.width);
    EXPECT_EQ(p.height, s.height);
    EXPECT_GE(p.colours, 20) << "too few colours: blank or nearly";
    EXPECT_GE(p.not_background, 0.05) << "almost every pixel is the background";
    // `FD_UPDATE_SCREENSHOT=1 ctest -R HtmlBrowser` refreshes the README's picture.
    if (s.name == "demo" && std::getenv("FD_UPDATE_SCREENSHOT") != nullptr)
      fs::copy_file(png, fs::path(FD_SOURCE_DIR) / "docs/html-report-demo.png",
                    fs::copy_options::overwrite_existing);
    fs::remove_all(work);
  }
}

}  // namespace
}  // namespace fd

#include "io/line_reader.hpp"

#include <gazetteer/error.hpp>

#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <openssl/evp.h>

#include <cstring>
#include <memory>

namespace gazetteer::detail {

namespace {
bool ends_with(const std::string& s, const char* suffix) {
    std::size_t n = std::strlen(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}
}  // namespace

std::string vsi_path(const std::string& path) {
    if (path.rfind("/vsi", 0) == 0) return path;
    if (ends_with(path, ".gz")) return "/vsigzip/" + path;
    auto zip = path.find(".zip");
    if (zip != std::string::npos) {
        std::string archive = path.substr(0, zip + 4);
        std::string member = zip + 4 < path.size() ? path.substr(zip + 5) : std::string();
        if (member.empty()) {
            // The first .txt member of the archive.
            char** list = VSIReadDir(("/vsizip/" + archive).c_str());
            for (int i = 0; list && list[i]; ++i) {
                std::string m = list[i];
                if (ends_with(m, ".txt")) {
                    member = m;
                    break;
                }
            }
            CSLDestroy(list);
            if (member.empty()) throw IoError(path + ": no .txt file inside the zip archive");
        }
        return "/vsizip/" + archive + "/" + member;
    }
    return path;
}

LineReader::LineReader(const std::string& path) : m_path(path) {
    std::string v = vsi_path(path);
    VSIStatBufL st;
    if (VSIStatL(v.c_str(), &st) == 0) {
        if (VSI_ISDIR(st.st_mode)) throw IoError(path + ": is a folder, not a file");
        m_total = static_cast<std::uint64_t>(st.st_size);
    }
    m_fp = VSIFOpenL(v.c_str(), "rb");
    if (!m_fp) throw IoError(path + ": cannot open (" + std::string(std::strerror(errno)) + ")");
}

LineReader::~LineReader() {
    if (m_fp) VSIFCloseL(static_cast<VSILFILE*>(m_fp));
}

bool LineReader::fill() {
    if (m_eof) return false;
    if (m_pos > 0) {
        m_buf.erase(0, m_pos);
        m_pos = 0;
    }
    std::size_t old = m_buf.size();
    m_buf.resize(old + (1 << 20));
    std::size_t n = VSIFReadL(m_buf.data() + old, 1, 1 << 20, static_cast<VSILFILE*>(m_fp));
    m_buf.resize(old + n);
    if (n == 0) m_eof = true;
    return n > 0;
}

bool LineReader::next(std::string& line) {
    for (;;) {
        const char* start = m_buf.data() + m_pos;
        const void* nl = std::memchr(start, '\n', m_buf.size() - m_pos);
        if (nl) {
            std::size_t len = static_cast<const char*>(nl) - start;
            line.assign(start, len);
            m_pos += len + 1;
            m_consumed += len + 1;
            break;
        }
        if (!fill()) {
            if (m_pos >= m_buf.size()) return false;
            line.assign(m_buf.data() + m_pos, m_buf.size() - m_pos);
            m_consumed += m_buf.size() - m_pos;
            m_pos = m_buf.size();
            break;
        }
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ++m_line;
    return true;
}

std::string sha256_file(const std::string& path) {
    std::string v = vsi_path(path);
    // Hash the file as stored (the archive for .zip/.gz), which is what a user can check.
    if (v.rfind("/vsizip/", 0) == 0 || v.rfind("/vsigzip/", 0) == 0) {
        auto zip = path.find(".zip");
        v = zip != std::string::npos ? path.substr(0, zip + 4) : path;
    }
    VSILFILE* fp = VSIFOpenL(v.c_str(), "rb");
    if (!fp) throw IoError(path + ": cannot open for checksum");
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    std::string buf(1 << 20, '\0');
    std::size_t n;
    while ((n = VSIFReadL(buf.data(), 1, buf.size(), fp)) > 0) EVP_DigestUpdate(ctx.get(), buf.data(), n);
    VSIFCloseL(fp);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), md, &len);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len; ++i) {
        out.push_back(hex[md[i] >> 4]);
        out.push_back(hex[md[i] & 15]);
    }
    return out;
}

}  // namespace gazetteer::detail

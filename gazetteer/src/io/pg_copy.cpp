// Layers as PostgreSQL COPY text rows (see append_pg_copy_rows in bulk.hpp). Rows are formatted
// by hand into one growing string: a bulk run streams hundreds of thousands of rows a second
// into the server, and COPY text is the cheapest form for both sides.

#include <gazetteer/bulk.hpp>
#include <gazetteer/error.hpp>

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <iterator>

namespace gazetteer {

namespace {

// COPY text format escapes: backslash, and the delimiter and line ends it would otherwise end
// a column or a row at.
void copy_string(std::string& out, const std::string& s, const Layer& layer, const Field& field) {
    if (s.find('\0') != std::string::npos)
        throw UsageError(fmt::format("layer {}, field {}: a NUL byte cannot be stored in PostgreSQL text", layer.name, field.name));
    for (char ch : s) {
        switch (ch) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out.push_back(ch);
        }
    }
}

// Rounded to the field's precision as write_layers rounds in every format, so a database row
// and a GeoPackage feature of the same article agree.
void copy_double(std::string& out, double v, int precision) {
    // PostgreSQL's float8 input takes NaN and [-]Infinity spelled so.
    if (std::isnan(v)) { out += "NaN"; return; }
    if (std::isinf(v)) { out += v > 0 ? "Infinity" : "-Infinity"; return; }
    if (precision <= 0) { fmt::format_to(std::back_inserter(out), "{}", v); return; }  // shortest round trip
    auto mark = out.size();
    fmt::format_to(std::back_inserter(out), "{:.{}f}", v, precision);
    while (out.size() > mark && out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
}

void hex_le_double(std::string& out, double v) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    auto bits = std::bit_cast<std::uint64_t>(v);
    for (int i = 0; i < 8; ++i) {  // little endian: least significant byte first
        auto b = static_cast<unsigned>((bits >> (8 * i)) & 0xFF);
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 0xF]);
    }
}

// Hex EWKB (PostGIS extended WKB): byte order 01 (little endian), type 0x20000001 (Point with
// the SRID flag), SRID 4326, then x and y.
void copy_point(std::string& out, const LonLat& p) {
    out += "0101000020E6100000";
    hex_le_double(out, p.lon);
    hex_le_double(out, p.lat);
}

}  // namespace

void append_pg_copy_rows(std::string& out, const Layer& layer, const std::vector<std::string>& leading) {
    if (layer.geometry_type != GeometryType::Point)
        throw UsageError("layer " + layer.name + ": COPY rows are written for point layers only");
    std::string prefix;
    const Field leading_field{"leading value", FieldType::String};
    for (const auto& v : leading) {
        copy_string(prefix, v, layer, leading_field);
        prefix.push_back('\t');
    }
    for (const auto& f : layer.features) {
        out += prefix;
        for (std::size_t i = 0; i < layer.fields.size(); ++i) {
            const Field& field = layer.fields[i];
            const FieldValue* v = i < f.values.size() ? &f.values[i] : nullptr;
            if (!v || std::holds_alternative<std::monostate>(*v)) {
                out += "\\N";
            } else if (field.type == FieldType::Integer && std::holds_alternative<std::int64_t>(*v)) {
                fmt::format_to(std::back_inserter(out), "{}", std::get<std::int64_t>(*v));
            } else if (field.type == FieldType::Real && std::holds_alternative<double>(*v)) {
                copy_double(out, std::get<double>(*v), field.precision);
            } else if (field.type == FieldType::Real && std::holds_alternative<std::int64_t>(*v)) {
                fmt::format_to(std::back_inserter(out), "{}", std::get<std::int64_t>(*v));
            } else if ((field.type == FieldType::String || field.type == FieldType::Date) &&
                       std::holds_alternative<std::string>(*v)) {
                copy_string(out, std::get<std::string>(*v), layer, field);
            } else {
                throw UsageError(fmt::format("layer {}, field {}: value does not fit the field type", layer.name, field.name));
            }
            out.push_back('\t');
        }
        if (f.parts.empty() || f.parts.front().empty()) out += "\\N";
        else copy_point(out, f.parts.front().front());
        out.push_back('\n');
    }
}

}  // namespace gazetteer

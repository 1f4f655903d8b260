#include "mlsysim/registry/parity.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/registry/session.hpp"

namespace mlsysim {
namespace {

bool is_numeric(const Json& j) {
  return j.is_number() || (j.is_string() && (j == "inf" || j == "-inf" || j == "nan"));
}

double as_number(const Json& j) {
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    return s == "inf" ? INFINITY : s == "-inf" ? -INFINITY : NAN;
  }
  return j.get<double>();
}

std::string expected_code(const std::string& python_type) {
  return python_type == "OOMError" ? "infeasible" : "bad_input";
}

class Comparer {
 public:
  explicit Comparer(CaseParity& out) : out_(out) {}

  void field(const std::string& path, const Json& want, const Json& got) {
    ++out_.fields;
    const std::size_t before = out_.differences.size();
    value(path, want, got);
    if (out_.differences.size() == before) ++out_.fields_matched;
  }

 private:
  void differ(std::string text) { out_.differences.push_back(std::move(text)); }

  void value(const std::string& path, const Json& want, const Json& got) {
    if (want.is_object() && want.contains("value") && want.contains("unit")) {
      if (!got.is_object() || !got.contains("value") || !got.contains("unit"))
        return differ(fmt::format("{}: expected a quantity, got {}", path, got.dump()));
      if (want["unit"] != got["unit"])
        differ(fmt::format("{}: unit {} != expected {}", path, got["unit"].dump(), want["unit"].dump()));
      return value(path, want["value"], got["value"]);
    }
    if (want.is_array()) {
      if (!got.is_array() || got.size() != want.size())
        return differ(fmt::format("{}: expected {} item(s), got {}", path, want.size(), got.dump()));
      for (std::size_t i = 0; i < want.size(); ++i) value(fmt::format("{}[{}]", path, i), want[i], got[i]);
      return;
    }
    if (want.is_object()) {
      for (const auto& [k, v] : want.items()) {
        if (!got.is_object() || !got.contains(k)) differ(fmt::format("{}.{}: missing", path, k));
        else value(path + "." + k, v, got[k]);
      }
      return;
    }
    if (is_numeric(want) && !want.is_boolean()) {
      if (!is_numeric(got) || got.is_boolean())
        return differ(fmt::format("{}: expected {}, got {}", path, want.dump(), got.dump()));
      const double w = as_number(want), g = as_number(got);
      const bool exact = std::isnan(w) || w == 0 || std::isinf(w);
      const double rel = exact ? 0.0 : std::fabs(g - w) / std::fabs(w);
      const bool ok = std::isnan(w) ? std::isnan(g) : exact ? g == w : rel <= 1e-9;
      if (!exact && rel > out_.worst_relative) {
        out_.worst_relative = rel;
        out_.worst_field = path;
      }
      if (!ok) differ(fmt::format("{}: {} != expected {} (rel {:.3g})", path, g, w, rel));
      return;
    }
    if (want != got) differ(fmt::format("{}: {} != expected {}", path, got.dump(), want.dump()));
  }

  CaseParity& out_;
};

}  // namespace

CaseParity compare_with_reference(const ReferenceCase& c, const Json& response,
                                  std::span<const std::string> extra_outputs) {
  CaseParity out;
  Comparer compare(out);
  if (c.expected.contains("error")) {
    ++out.fields;
    if (!response.contains("error")) {
      out.differences.push_back("expected an error, got outputs");
      return out;
    }
    const std::string want = expected_code(c.expected["error"].value("type", ""));
    const Json& got = response["error"];
    if (got.value("code", "") != want)
      out.differences.push_back(fmt::format("error code {} != expected {}", got.value("code", "").c_str(), want));
    if (got.value("field", "").empty())
      out.differences.push_back(fmt::format("error names no field: {}", got.dump()));
    if (out.differences.empty()) ++out.fields_matched;
    return out;
  }
  if (!response.contains("outputs")) {
    ++out.fields;
    out.differences.push_back(fmt::format("expected outputs, got {}", response.dump()));
    return out;
  }
  if (c.warnings) {
    const std::size_t got = response.contains("warnings") ? response["warnings"].size() : 0;
    compare.field("warnings", Json(*c.warnings), Json(got));
  }
  const Json& want = c.expected["outputs"];
  const Json& got = response["outputs"];
  for (const auto& [k, v] : want.items()) {
    if (!got.contains(k)) {
      ++out.fields;
      out.differences.push_back(fmt::format("{}: missing", k));
    } else {
      compare.field(k, v, got[k]);
    }
  }
  for (const auto& [k, v] : got.items())
    if (!want.contains(k) && std::find(extra_outputs.begin(), extra_outputs.end(), k) == extra_outputs.end())
      out.differences.push_back(fmt::format("{}: not an output of MLSys·im", k));
  return out;
}

CaseParity check_reference_case(const Registry& registry, const ReferenceCase& c, std::string_view solver) {
  const std::string name = solver.empty() ? c.solver : std::string(solver);
  Json response;
  auto error_json = [](const Error& e) {
    return Json{{"code", std::string(to_string(e.code))}, {"field", e.field}, {"message", e.message}};
  };
  const SolverHandle* handle = registry.find_solver(name);
  Result<Record> inputs = handle ? decode_inputs(c.inputs, handle->info(), registry)
                                 : Result<Record>(registry.unknown_solver(name));
  if (!inputs.ok()) {
    response["error"] = error_json(inputs.error());
  } else {
    Session session(registry);
    Result<Record> outputs = handle->solve(*inputs, session);
    if (!outputs.ok()) {
      response["error"] = error_json(outputs.error());
    } else {
      response["outputs"] = to_json(*outputs);
      response["warnings"] = session.warnings();
    }
  }
  std::vector<std::string> extras;
  if (response.contains("outputs"))
    for (const auto& [k, v] : response["outputs"].items()) extras.push_back(k);
  return compare_with_reference(c, response, extras);
}

}  // namespace mlsysim

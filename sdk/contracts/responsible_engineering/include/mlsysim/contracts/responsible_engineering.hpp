// The responsible_engineering contract: what differential privacy costs in
// training time and what fairness across rare subgroups costs in data
// (MLSys·im 0.1.0's ResponsibleEngineeringModel, reference/physics-more.md §4.3). The
// reference implementation is plugins/responsible_engineering/reference.
#pragma once

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class ResponsibleEngineering final : public Contract {
 public:
  ResponsibleEngineering()
      : Contract("responsible_engineering", "1", "Training-time cost of DP-SGD and data cost of subgroup fairness") {
        describe(Tier::kModel, {20});
      }

  struct Inputs {
    Contract& c;
    const Input<Seconds> base_training_time{c, "base_training_time", "training time without privacy"};
    const Input<double> epsilon{c, "epsilon", 1.0, "privacy budget (smaller: more private, slower)"};
    const Input<double> delta{c, "delta", 1e-5, "privacy failure probability (echoed, not used)"};
    const Input<double> min_subgroup_prevalence{c, "min_subgroup_prevalence", 0.01,
                                                "share of the rarest subgroup to be served fairly"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<double> dp_slowdown_factor{c, "dp_slowdown_factor", "1 + 2 / max(epsilon, 0.01)"};
    const Output<Seconds> effective_training_time{c, "effective_training_time", "base time x slowdown"};
    const Output<double> additional_data_requirement{c, "additional_data_requirement", "1 / max(prevalence, 1e-6)"};
    const Output<double> epsilon{c, "epsilon", "echoed"};
    const Output<double> delta{c, "delta", "echoed"};
    const Output<double> min_subgroup_prevalence{c, "min_subgroup_prevalence", "echoed"};
    const Output<double> privacy_cost_ratio{c, "privacy_cost_ratio", "= dp_slowdown_factor"};
    const Output<double> fairness_data_ratio{c, "fairness_data_ratio", "= additional_data_requirement"};
  } const out{*this};
};

}  // namespace mlsysim::contracts

// The Open MPI MessageChannel, in its own library so that only a process
// started by mpirun loads MPI.
#include <mpi.h>

#include <climits>

#include "mlsysim/registry/message_channel.hpp"

namespace {

class MpiChannel final : public mlsysim::MessageChannel {
 public:
  MpiChannel() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) MPI_Init(nullptr, nullptr);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiChannel() override { MPI_Finalize(); }
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void send(int to, std::string_view bytes) override {
    // Synchronous send: flow control, so memory stays bounded on both sides.
    MPI_Ssend(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, kTag, MPI_COMM_WORLD);
  }
  std::string receive(int from) override {
    MPI_Status status;
    MPI_Probe(from, kTag, MPI_COMM_WORLD, &status);
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    std::string out(static_cast<std::size_t>(count), '\0');
    MPI_Recv(out.data(), count, MPI_BYTE, from, kTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return out;
  }

 private:
  static constexpr int kTag = 7;
  int rank_ = 0, size_ = 1;
};

}  // namespace

extern "C" __attribute__((visibility("default"))) mlsysim::MessageChannel* mlsysim_open_mpi_channel() {
  return new MpiChannel();
}

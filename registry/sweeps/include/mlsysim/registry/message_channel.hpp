// MessageChannel: what a distributed sweep needs from a message-passing
// layer (ranks, and ordered byte messages between them). The Open MPI
// implementation is a separate library, libmlsysim_mpi.so, loaded only when
// mlsysim runs under mpirun (open_mpi_channel), so the CLI never links MPI.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

class MessageChannel {
 public:
  virtual ~MessageChannel() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Blocking: returns once `to` has the message (large messages), so a fast
  // sender cannot run ahead of a slow receiver by more than one message.
  virtual void send(int to, std::string_view bytes) = 0;
  // The next message from `from`, in the order it was sent.
  virtual std::string receive(int from) = 0;
};

// True when this process was started by mpirun/mpiexec (Open MPI or PMIx).
MLSYSIM_API bool launched_by_mpi();

// Loads libmlsysim_mpi.so and initialises MPI; an error says why not (e.g.
// this mlsysim was built without Open MPI). The channel finalises MPI when
// destroyed.
MLSYSIM_API Result<std::unique_ptr<MessageChannel>> open_mpi_channel();

}  // namespace mlsysim

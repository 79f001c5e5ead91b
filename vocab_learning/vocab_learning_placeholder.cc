// Replaced as vocab_learning/ gains sources.
namespace tokenforge::internal { int vocab_learning_placeholder = 0; }

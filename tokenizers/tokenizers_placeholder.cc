// Replaced as tokenizers/ gains sources.
namespace tokenforge::internal { int tokenizers_placeholder = 0; }

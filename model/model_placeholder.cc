// Replaced as model/ gains sources.
namespace tokenforge::internal { int model_placeholder = 0; }

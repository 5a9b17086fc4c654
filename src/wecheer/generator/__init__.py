"""`wecheer generate`: a deterministic, vectorized simulation of a Wecheer source in Segment's
warehouse layout, with injected faults and the ground truth the models must reproduce."""

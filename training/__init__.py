"""Building the table classifier: training examples, augmentation and the training run."""

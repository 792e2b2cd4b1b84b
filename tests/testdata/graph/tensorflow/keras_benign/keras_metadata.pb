
Ároot"_tf_keras_sequential*¢{"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"name": "dense", "units": 4}}], "name": "sequential"}, "name": "sequential"}
¿root.layer_with_weights-0"_tf_keras_layer*Ž{"class_name": "Dense", "config": {"activation": "relu", "name": "dense", "units": 4}, "dtype": "float32", "name": "dense", "trainable": true}
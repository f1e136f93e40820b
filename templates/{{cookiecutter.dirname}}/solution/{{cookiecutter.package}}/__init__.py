"""{{ cookiecutter.title }}: {{ cookiecutter.pitch }}"""

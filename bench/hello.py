"""The bare Flask "hello world" every page is compared with, served the same way."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hallo Welt"

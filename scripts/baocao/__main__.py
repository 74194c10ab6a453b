from baocao.cli import run

run()

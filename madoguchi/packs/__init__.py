"""The municipality pack: offices, departments, counters and towns, loaded
from a folder of YAML files so another city adopts madoguchi by writing one."""

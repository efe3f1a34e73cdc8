from support.hooks import *

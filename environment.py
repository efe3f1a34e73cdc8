from journeys.hooks import *
